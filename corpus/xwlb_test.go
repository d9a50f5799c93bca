package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
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

// TestXWLBAsPages lays real news items out as a newspaper page extracted to text (headline,
// dateline with byline, paragraphs cut at random points, page headers now and then) and parses
// it back: every item must come back whole, under its headline, with no character lost. Real
// text tries the line classification far harder than made-up text.
func TestXWLBAsPages(t *testing.T) {
	dir := sharedCorpus(t, "xwlb")
	files := []string{filepath.Join(dir, "xwlb_2024Q4.jsonl")}
	if os.Getenv("NEWSBOT_LONG") != "" {
		files, _ = filepath.Glob(filepath.Join(dir, "*.jsonl"))
	}
	var items []Article
	for _, f := range files {
		ed, err := Parse(f, readFile(t, f), Meta{})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, ed.Articles...)
	}
	// A record whose whole text is a few words with no full stop ("undefined") would read as
	// a kicker on a page too: not a fair test.
	items = slices.DeleteFunc(items, func(a Article) bool { return runesAtMost(a.Text, 20) && !terminated(a.Text) })
	if os.Getenv("NEWSBOT_LONG") == "" {
		items = items[:min(len(items), 300)]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for start := 0; start < len(items); start += 8 {
		page := items[start:min(len(items), start+8)]
		var b strings.Builder
		fmt.Fprintf(&b, "2024年11月8日 星期五 第%d版 要闻\n\n", start/8+1)
		for _, a := range page {
			// A headline too long for one line is set on two, as on a page.
			title := []rune(a.Title)
			lines := (len(title) + maxHeadLine - 1) / maxHeadLine
			cut := 0
			for l := range lines {
				next := (l + 1) * len(title) / lines
				// A line starting with a dash would be a subtitle; one ending with a comma is not
				// how a headline is set.
				for next < len(title) && next > cut+1 &&
					(strings.ContainsRune("—、，,：:；;）)》」』”", title[next]) || strings.ContainsRune("—、，,：:；;（(《「『“", title[next-1])) {
					next--
				}
				if l == lines-1 {
					next = len(title)
				}
				b.WriteString(string(title[cut:next]) + "\n")
				cut = next
			}
			b.WriteString("\n")
			// Datelines and bylines in the forms papers use, and blank lines or none.
			var lead string
			switch rng.IntN(3) {
			case 0:
				lead = "本报讯 (记者 张三) "
			case 1:
				lead = "本报讯（记者 张三）"
			default:
				b.WriteString("记者 张三\n")
			}
			sep := []string{"\n", "\n\n", "\n\n\n"}[rng.IntN(3)]
			for _, p := range strings.Split(a.Text, "\n") {
				write := func(s string) { b.WriteString(s + sep) }
				if runesAtMost(p, 20) { // a line this short fits a column: not cut
					write(lead + p)
				} else {
					writeParagraph(rng, write, nil, lead, p)
				}
				lead = ""
			}
		}
		text := b.String()
		got, err := Parse("page.txt", []byte(text), Meta{})
		if err != nil {
			t.Fatalf("page %d: %v", start/8+1, err)
		}
		if err := conserved(text, got); err != nil {
			t.Fatalf("page %d: %v", start/8+1, err)
		}
		if len(got.Articles) != len(page) {
			var titles []string
			for _, a := range got.Articles {
				titles = append(titles, a.Kind+":"+a.Title+"|"+a.Byline+"|"+firstRunes(a.Text, 30))
			}
			t.Fatalf("page %d: %d items, want %d:\n%s", start/8+1, len(got.Articles), len(page), strings.Join(titles, "\n"))
		}
		if os.Getenv("NEWSBOT_DUMP") != "" {
			os.WriteFile(fmt.Sprintf("/tmp/page%d.txt", start/8+1), []byte(text), 0o644)
		}
		for i, a := range got.Articles {
			want := page[i]
			flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if flat(a.Column+a.Kicker+a.Title) != flat(want.Title) || a.Byline != "记者 张三" || flat(a.Text) != flat(want.Text) {
				g, w := []rune(flat(a.Text)), []rune(flat(want.Text))
				d := 0
				for d < len(g) && d < len(w) && g[d] == w[d] {
					d++
				}
				t.Errorf("page %d item %d: title %q byline %q (want %q)\n got text …%q\nwant text …%q",
					start/8+1, i+1, a.Kicker+"/"+a.Title, a.Byline, want.Title,
					string(g[max(0, d-20):min(len(g), d+30)]), string(w[max(0, d-20):min(len(w), d+30)]))
			}
		}
	}
}
