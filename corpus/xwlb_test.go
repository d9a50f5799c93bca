package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedCorpus is third-party data beside the repository (never copied into it).
func sharedCorpus(t testing.TB, parts ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{"..", "..", "shared", "corpora"}, parts...)...)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("third-party corpus %s not present", dir)
	}
	return dir
}

// TestXWLB parses the real JSON Lines news records of ../shared/corpora/xwlb: every record with a
// text becomes an article with its own date; empty records are skipped and recorded, not errors.
func TestXWLB(t *testing.T) {
	dir := sharedCorpus(t, "xwlb")
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if testing.Short() && len(files) > 2 {
		files = files[:2]
	}
	var records, articles, skipped int
	for _, f := range files {
		data := readFile(t, f)
		ed, err := Parse(f, data, Meta{})
		if err != nil {
			t.Fatalf("Parse(%s): %v", f, err)
		}
		n := bytes.Count(bytes.TrimSpace(data), []byte("\n")) + 1
		if got := len(ed.Articles) + len(ed.Skipped); got != n {
			t.Errorf("%s: %d articles + %d skipped, want %d records", f, len(ed.Articles), len(ed.Skipped), n)
		}
		ids := map[string]bool{}
		for _, a := range ed.Articles {
			if a.Date == "" || a.Title == "" || a.Text == "" || ids[a.ID] {
				t.Errorf("%s: article %q: date %q, text %d bytes, duplicate ID %v", f, a.Title, a.Date, len(a.Text), ids[a.ID])
			}
			ids[a.ID] = true
		}
		for _, s := range ed.Skipped {
			if !strings.Contains(s, "empty text") {
				t.Errorf("%s: skipped %q, want only empty texts", f, s)
			}
		}
		records += n
		articles += len(ed.Articles)
		skipped += len(ed.Skipped)
	}
	t.Logf("%d files, %d records: %d articles, %d skipped (empty text)", len(files), records, articles, skipped)
	if !testing.Short() && len(files) == 17 && skipped != 282 {
		t.Errorf("skipped %d empty records, DESIGN.md counts 282", skipped)
	}
}

// BenchmarkParseXWLB measures parsing a quarter of real JSON Lines records.
func BenchmarkParseXWLB(b *testing.B) {
	dir := sharedCorpus(b, "xwlb")
	path := filepath.Join(dir, "xwlb_2024Q4.jsonl")
	data := readFile(b, path)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(path, data, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}
