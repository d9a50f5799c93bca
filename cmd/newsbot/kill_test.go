package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// TestIngestKilled kills `newsbot ingest` with SIGKILL in the middle of a large ingest and checks
// that the library is as it was: the edition stored before is intact and alone (the run's
// editions were only staged), and the bot answers from it.
func TestIngestKilled(t *testing.T) {
	bin := testBinary(t)
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}

	seedKillTest(t, e, in, 400) // many editions, so the ingest takes a while
	before := articleCount(t, e)
	cmd, sc := startIngest(t, bin, data, in)
	ingested := 0
	for sc.Scan() && ingested < 25 {
		if strings.Contains(sc.Text(), "file ingested") {
			ingested++
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if ingested < 25 {
		t.Fatalf("ingest ended before it could be killed (saw %d files)", ingested)
	}

	stdout, stderrText, err := runCmd(t, e, "", "articles", "--json")
	if err != nil {
		t.Fatalf("library unreadable after the kill: %v\n%s", err, stderrText)
	}
	var arts []corpus.Article
	if err := json.Unmarshal([]byte(stdout), &arts); err != nil {
		t.Fatal(err)
	}
	if len(arts) != before {
		t.Errorf("after the kill the library holds %d articles; want the %d it held before (a run is all or nothing)", len(arts), before)
	}
	out, stderrText, err := runCmd(t, e, "", "ask", "--json", "安康医疗高端手术器械项目总投资多少？")
	if err != nil || !strings.Contains(out, "3.5亿元") {
		t.Errorf("ask after the kill: %v %s\n%s", err, out, stderrText)
	}
}

func articleCount(t *testing.T, e env) int {
	t.Helper()
	stdout, _, err := runCmd(t, e, "", "articles", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var arts []corpus.Article
	if err := json.Unmarshal([]byte(stdout), &arts); err != nil {
		t.Fatal(err)
	}
	return len(arts)
}

// TestIncrementalIngestKilled kills `newsbot ingest` with SIGKILL once it has stored the last of
// many editions, while it adds them to the index as a segment (or just after), and checks that
// the index still opens and serves, that the next ingest brings the index up to date with the
// library (every stored edition indexed, at its stored version), and that no segment file is
// left that the manifest does not name.
func TestIncrementalIngestKilled(t *testing.T) {
	bin := testBinary(t)
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	const editions = 120
	seedKillTest(t, e, in, editions)
	cmd, sc := startIngest(t, bin, data, in)
	ingested := 0
	for ingested < editions && sc.Scan() {
		if strings.Contains(sc.Text(), "file ingested") {
			ingested++
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if ingested < editions {
		t.Fatalf("ingest ended after %d files", ingested)
	}

	path := filepath.Join(data, indexFile)
	if _, err := retrieval.Open(context.Background(), path, retrieval.Config{}); err != nil {
		t.Fatalf("the index is unusable after the kill: %v", err)
	}
	out, stderrText, err := runCmd(t, e, "", "ask", "--json", "安康医疗高端手术器械项目总投资多少？")
	if err != nil || !strings.Contains(out, "3.5亿元") {
		t.Errorf("ask after the kill: %v %s\n%s", err, out, stderrText)
	}
	// The next writer brings the index up to date with every edition stored before the kill.
	last := filepath.Join(t.TempDir(), "2023-12-31-last.txt")
	if err := os.WriteFile(last, bytes.ReplaceAll(corpus.BuiltinText(), []byte("昨天"), []byte("最后一天")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderrText, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", last); err != nil {
		t.Fatalf("ingest after the kill: %v\n%s", err, stderrText)
	}
	lib, err := corpus.OpenLibrary(data)
	if err != nil {
		t.Fatal(err)
	}
	stamps, err := lib.Stamps()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := retrieval.Open(context.Background(), path, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Sources(); !reflect.DeepEqual(got, stamps) {
		t.Errorf("after the next ingest the index holds %d editions, the library %d", len(got), len(stamps))
	}
	arts, err := lib.Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Articles()) != len(arts) {
		t.Errorf("index holds %d articles, library %d", len(ix.Articles()), len(arts))
	}
	segs, _ := filepath.Glob(path + ".*.seg")
	if len(segs) != ix.Segments()-1 {
		t.Errorf("%d segment files for %d segments: %v", len(segs), ix.Segments(), segs)
	}
}

// startIngest starts the built binary ingesting folder in into data, and scans its log lines.
func startIngest(t *testing.T, bin, data, in string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(bin, "--data", data, "ingest", "--paper", "武进日报", in)
	cmd.Env = append(os.Environ(), "NEWSBOT_DATA="+data)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(stderr)
}

// seedKillTest ingests the built-in edition into e's library, then writes n variants of it into
// the folder in for the ingest a test kills.
func seedKillTest(t *testing.T, e env, in string, n int) {
	t.Helper()
	first := filepath.Join(t.TempDir(), "2024-11-01.txt")
	if err := os.WriteFile(first, corpus.BuiltinText(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", first); err != nil {
		t.Fatalf("first ingest: %v\n%s", err, stderr)
	}
	text := corpus.BuiltinText()
	for i := range n {
		name := filepath.Join(in, fmt.Sprintf("2023-%02d-%02d-%03d.txt", i%12+1, i%28+1, i))
		variant := bytes.ReplaceAll(text, []byte("昨天"), []byte(fmt.Sprintf("第%d天", i)))
		if err := os.WriteFile(name, variant, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
