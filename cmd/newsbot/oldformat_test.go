package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/retrieval"
)

// TestOldFormatIndexRebuilt: an index saved by an older newsbot (index format 1) is never read
// as the current format: a reader answers from the library indexed in memory, saying why, and
// the next writer rebuilds and saves it.
func TestOldFormatIndexRebuilt(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	index := filepath.Join(data, "index.bin")
	old := "NEWSBOT-INDEX 1\n" + `{"version":1,"embedder":"local-hash-v1/512","dim":512,"articles":1,"chunks":1}` + "\n\x00\x01\x02\x03NBIXEND\n"
	if err := os.WriteFile(index, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") || !strings.Contains(stderr, "older newsbot") {
		t.Fatalf("ask over an old-format index: %v %q\n%s", err, out, stderr)
	}
	if b, _ := os.ReadFile(index); string(b) != old {
		t.Fatal("a reader changed the old-format index")
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, "2024-11-02.txt", 1)); err != nil || !strings.Contains(stderr, "rebuilding") {
		t.Fatalf("ingest over an old-format index: %v\n%s", err, stderr)
	}
	if h, err := retrieval.ReadHeader(index); err != nil || h.Articles == 0 {
		t.Fatalf("index after the next writer: %+v, %v", h, err)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil || !strings.Contains(out, "sound") {
		t.Errorf("check after the rebuild: %v\n%s%s", err, out, stderr)
	}
}

// TestDamagedSegmentServedFromMemory: a segment file damaged on disk (a flipped byte) is named,
// the readers answer from the library indexed in memory, check reports it, and ingest --reindex
// repairs it.
func TestDamagedSegmentServedFromMemory(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	for i, name := range []string{"2024-11-01.txt", "2024-11-02.txt"} {
		if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, name, i)); err != nil {
			t.Fatalf("ingest %s: %v\n%s", name, err, stderr)
		}
	}
	segs, _ := filepath.Glob(filepath.Join(data, "index.bin.*.seg"))
	if len(segs) != 1 {
		t.Fatalf("segment files %v, want one", segs)
	}
	b, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x40
	if err := os.WriteFile(segs[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") || !strings.Contains(stderr, filepath.Base(segs[0])) || !strings.Contains(stderr, "damaged") {
		t.Fatalf("ask over a damaged segment: %v %q\n%s", err, out, stderr)
	}
	if _, stderr, err := runCmd(t, e, "", "check"); exitCode(err) != 2 || !strings.Contains(stderr, filepath.Base(segs[0])) {
		t.Fatalf("check: exit %d, stderr %q; want 2 naming the segment", exitCode(err), stderr)
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--reindex"); err != nil {
		t.Fatalf("ingest --reindex: %v\n%s", err, stderr)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil || !strings.Contains(out, "sound") {
		t.Errorf("check after the reindex: %v\n%s%s", err, out, stderr)
	}
}
