package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTruncatedEdition: one truncated edition file does not stop the library: articles and ask
// serve the others and name the file; check names it and exits 2; the next ingest moves it to
// editions/quarantine (kept as it was) and check passes again.
func TestTruncatedEdition(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	for i, name := range []string{"2024-11-01.txt", "2024-11-02.txt"} {
		f := builtinEditionFile(t, in, name, i)
		if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", f); err != nil {
			t.Fatalf("ingest %s: %v\n%s", name, err, stderr)
		}
	}
	before := articleCount(t, e)
	files, _ := filepath.Glob(filepath.Join(data, "editions", "*.json"))
	if len(files) != 2 {
		t.Fatalf("%d edition files, want 2", len(files))
	}
	bad := files[0]
	whole, _ := os.ReadFile(bad)
	if err := os.WriteFile(bad, whole[:len(whole)/2], 0o644); err != nil {
		t.Fatal(err)
	}

	if got := articleCount(t, e); got != before/2 {
		t.Errorf("articles with one edition truncated: %d, want the other edition's %d", got, before/2)
	}
	_, stderr, err := runCmd(t, e, "", "articles")
	if err != nil || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "corrupt") {
		t.Errorf("articles: %v, stderr %q; want success naming %s as corrupt", err, stderr, bad)
	}
	if out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？"); err != nil || !strings.Contains(out, "18177") || !strings.Contains(stderr, bad) {
		t.Errorf("ask with one edition truncated: %v %q\n%s\nwant the answer, and the damaged file named", err, out, stderr)
	}
	_, stderr, err = runCmd(t, e, "", "check")
	if exitCode(err) != 2 || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "does not match") {
		t.Errorf("check: exit %d, stderr %q; want 2 naming %s and the index that no longer matches", exitCode(err), stderr, bad)
	}

	third := builtinEditionFile(t, in, "2024-11-03.txt", 3)
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", third); err != nil || !strings.Contains(stderr, "quarantine") {
		t.Fatalf("ingest after the damage: %v\n%s", err, stderr)
	}
	kept, err := os.ReadFile(filepath.Join(data, "editions", "quarantine", filepath.Base(bad)))
	if err != nil || len(kept) != len(whole)/2 {
		t.Errorf("quarantined file: %d bytes (%v), want the truncated %d kept", len(kept), err, len(whole)/2)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil || !strings.Contains(out, "2 editions") {
		t.Errorf("check after the quarantine: %v\n%s%s", err, out, stderr)
	}
}

// TestLeftoversRemovedByNextWriter: what a writer killed while saving leaves (a partial index
// temp file, a partial edition temp file) is named by check and removed by the next writer,
// which then saves a whole index.
func TestLeftoversRemovedByNextWriter(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	f := builtinEditionFile(t, in, "2024-11-01.txt", 0)
	if _, stderr, err := runCmd(t, e, "", "ingest", f); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	leftovers := []string{
		filepath.Join(data, indexFile+".tmp-3141592653"),
		filepath.Join(data, "editions", ".tmp-abc.json-2718281828"),
	}
	for _, l := range leftovers {
		if err := os.WriteFile(l, []byte("NEWSBOT-INDEX 1\n{partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, err := runCmd(t, e, "", "check"); exitCode(err) != 2 || !strings.Contains(stderr, leftovers[0]) {
		t.Errorf("check with leftovers: exit %d, stderr %q; want 2 naming %s", exitCode(err), stderr, leftovers[0])
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--reindex"); err != nil {
		t.Fatalf("ingest --reindex: %v\n%s", err, stderr)
	}
	for _, l := range leftovers {
		if _, err := os.Stat(l); !os.IsNotExist(err) {
			t.Errorf("leftover %s still there after the next writer (%v)", l, err)
		}
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil {
		t.Errorf("check after the next writer: %v\n%s%s", err, out, stderr)
	}
}

// TestForeignIndexFileSetAsideByReindex: an index file that is not a newsbot index (another
// program's file, or one overwritten with garbage) makes check and the readers send the operator
// to 'ingest --reindex', which must then work: it keeps that file aside (never deleted) and saves
// a new index. Save alone refuses to overwrite such a file, so the advice led nowhere.
func TestForeignIndexFileSetAsideByReindex(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "武进日报", builtinEditionFile(t, in, "2024-11-01.txt", 0)); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	index := filepath.Join(data, "index.bin")
	foreign := []byte("not an index: some other program's data\n")
	if err := os.WriteFile(index, foreign, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, e, "", "check")
	if exitCode(err) != 2 || !strings.Contains(stderr, "ingest --reindex") {
		t.Fatalf("check: exit %d, stderr %q; want 2 advising 'ingest --reindex'", exitCode(err), stderr)
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--reindex"); err != nil {
		t.Fatalf("ingest --reindex over a foreign index file: %v\n%s", err, stderr)
	}
	if out, stderr, err := runCmd(t, e, "", "check"); err != nil || !strings.Contains(out, "sound") {
		t.Errorf("check after the reindex: %v\n%s%s", err, out, stderr)
	}
	kept, _ := filepath.Glob(index + ".foreign-*")
	if len(kept) != 1 {
		t.Fatalf("foreign index files kept aside: %v, want one", kept)
	}
	if b, err := os.ReadFile(kept[0]); err != nil || string(b) != string(foreign) {
		t.Errorf("kept file %s holds %q (%v), want the foreign file as it was", kept[0], b, err)
	}
	if out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？"); err != nil || !strings.Contains(out, "18177") {
		t.Errorf("ask after the reindex: %v %q\n%s", err, out, stderr)
	}
}
