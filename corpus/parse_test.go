package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of corpus/testdata")

const (
	editionsDir   = "testdata/editions"
	builtinGolden = "testdata/builtin.golden.json"
)

// testEdition is one input of the golden and property tests.
type testEdition struct {
	name   string // file name passed to Parse
	path   string // input file
	golden string // expected Edition JSON
}

// testEditions lists the built-in edition and every input under testdata/editions.
func testEditions(t testing.TB) []testEdition {
	t.Helper()
	eds := []testEdition{{name: BuiltinName, path: filepath.Join("builtin", BuiltinName), golden: builtinGolden}}
	entries, err := os.ReadDir(editionsDir)
	if err != nil {
		t.Fatalf("read %s: %v", editionsDir, err)
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasSuffix(n, ".golden.json") || strings.HasPrefix(n, ".") {
			continue
		}
		base := strings.TrimSuffix(n, filepath.Ext(n))
		eds = append(eds, testEdition{name: n, path: filepath.Join(editionsDir, n), golden: filepath.Join(editionsDir, base+".golden.json")})
	}
	return eds
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return data
}

// TestGolden parses every test edition and compares the result with its golden file; run with
// -update to rewrite the golden files after a deliberate change.
func TestGolden(t *testing.T) {
	for _, te := range testEditions(t) {
		t.Run(te.name, func(t *testing.T) {
			ed, err := Parse(te.name, readFile(t, te.path), Meta{})
			if err != nil {
				t.Fatalf("Parse(%s): %v", te.name, err)
			}
			got, err := json.MarshalIndent(ed, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *update {
				if err := os.WriteFile(te.golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := readFile(t, te.golden)
			if !bytes.Equal(got, want) {
				t.Errorf("Parse(%s) differs from %s (run go test ./corpus -run TestGolden -update after checking the change):\n%s",
					te.name, te.golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return "(same lines)"
}

func itoa(n int) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// TestBuiltinItems checks the built-in edition item by item against DESIGN.md.
func TestBuiltinItems(t *testing.T) {
	ed, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	want := []struct {
		kind, kicker, title, byline, column, start string
	}{
		{KindNews, "共赴“新”征程", "武进与内蒙古达茂旗缔结友好城市", "记者 朱梦琪", "", "昨天,武进区政府"},
		{KindNews, "", "全国人大办公厅信访局来武进调研", "记者 史莲寅", "", "昨天,全国人大"},
		{KindNews, "", "11个村(社区)干部“青锐共创”项目展演", "记者 史莲寅", "", "昨天下午"},
		{KindNews, "", "我区启动“119”消防宣传月活动", "记者 万峰鸣", "", "今年11月9日"},
		{KindNews, "", "国家档案局调研我区农村宅基地档案工作", "记者 陈寒秋", "", "昨天上午"},
		{KindPhoto, "", "", "徐芊卉 摄", "重点项目进行时", "市重大项目——安康医疗"},
	}
	if len(ed.Articles) != len(want) {
		t.Fatalf("built-in edition has %d items, want %d", len(ed.Articles), len(want))
	}
	for i, w := range want {
		a := ed.Articles[i]
		t.Run(itoa(i+1), func(t *testing.T) {
			got := []string{a.Kind, a.Kicker, a.Title, a.Byline, a.Column}
			exp := []string{w.kind, w.kicker, w.title, w.byline, w.column}
			if !slices.Equal(got, exp) {
				t.Errorf("kind/kicker/title/byline/column = %q, want %q", got, exp)
			}
			if !strings.HasPrefix(a.Text, w.start) {
				t.Errorf("text starts %q, want prefix %q", firstRunes(a.Text, 20), w.start)
			}
			for _, f := range []string{a.Title, a.Kicker, a.Byline, a.Text} {
				if strings.Contains(f, "本报讯") {
					t.Errorf("dateline 本报讯 leaked into %q", firstRunes(f, 30))
				}
			}
			if a.Paper != "" || a.Date != "" {
				t.Errorf("paper/date = %q/%q, want none (never invented)", a.Paper, a.Date)
			}
			for _, p := range strings.Split(a.Text, "\n") {
				if !terminated(p) {
					t.Errorf("paragraph ends mid-sentence: …%q", lastRunes(p, 20))
				}
			}
		})
	}
	all := ""
	for _, a := range ed.Articles {
		all += a.Text + "\n"
	}
	for _, s := range []string{"智电汽车", "风光制氢氨醇", "加速度", "思想建设", "切实增强", "统筹调度", "工作情况", "生产空间集约高效", "孙益锋要求"} {
		if !strings.Contains(all, s) {
			t.Errorf("article texts lack %q (a paragraph broken at a column break was not rejoined)", s)
		}
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// TestConservation checks that no character of a plain-text or Markdown edition, or of a feed's
// items, is lost or doubled: the non-space characters of the decoded input are exactly those of
// the articles' fields, page headers and labels.
func TestConservation(t *testing.T) {
	for _, te := range testEditions(t) {
		t.Run(te.name, func(t *testing.T) {
			data := readFile(t, te.path)
			ed, err := Parse(te.name, data, Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			text, _, err := decode(data)
			if err != nil {
				t.Fatal(err)
			}
			switch ed.Format {
			case FormatText, FormatMarkdown:
			case FormatFeed:
				text = feedInput(t, text) // the items' text, not the feed's markup
			default:
				t.Skipf("format %s: conservation is checked on text, Markdown and feeds", ed.Format)
			}
			if err := conserved(text, ed); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestNoParagraphEndsMidSentence checks every text edition: a paragraph that does not end a
// sentence is a section heading or a caption, never a piece of a paragraph cut at a break.
func TestNoParagraphEndsMidSentence(t *testing.T) {
	for _, te := range testEditions(t) {
		t.Run(te.name, func(t *testing.T) {
			ed, err := Parse(te.name, readFile(t, te.path), Meta{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if ed.Format != FormatText {
				t.Skipf("format %s", ed.Format)
			}
			for _, a := range ed.Articles {
				for i, p := range strings.Split(a.Text, "\n") {
					if i == 0 && opensWithSubtitle(a, p) {
						continue
					}
					if !terminated(p) && !subhead(p) && a.Kind == KindNews {
						t.Errorf("%q: paragraph ends mid-sentence: …%q", a.Headline(), lastRunes(p, 16))
					}
				}
			}
		})
	}
}

// opensWithSubtitle reports a first paragraph that is the subtitle (副题) of a titled article, which
// opens its text: a headline line, not a sentence.
func opensWithSubtitle(a Article, first string) bool {
	return a.Title != "" && (hasAnyPrefix(first, dashPrefixes) || headLike(first, maxNearHead))
}

// conserved compares the character counts of the input with those of the parsed edition.
func conserved(input string, ed *Edition) error {
	in := charCounts(input)
	var out strings.Builder
	for _, s := range ed.Headers {
		out.WriteString(s)
	}
	for _, s := range ed.Labels {
		out.WriteString(s)
	}
	for _, a := range ed.Articles {
		for _, s := range articleFields(a) {
			out.WriteString(s)
		}
	}
	got := charCounts(out.String())
	var diffs []string
	for r, n := range in {
		if got[r] != n {
			diffs = append(diffs, string(r)+": in "+itoa(n)+", out "+itoa(got[r]))
		}
	}
	for r, n := range got {
		if _, ok := in[r]; !ok {
			diffs = append(diffs, string(r)+": in 0, out "+itoa(n))
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		return errors.New("characters not conserved: " + strings.Join(diffs[:min(len(diffs), 12)], "; "))
	}
	return nil
}

// articleFields are the fields that hold an article's characters from the input.
func articleFields(a Article) []string {
	return []string{a.Column, a.Kicker, a.Title, a.Byline, a.Text}
}

func charCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B' {
			continue
		}
		m[r]++
	}
	return m
}

// TestParseErrors checks that bad input is refused with the right sentinel error and the file
// named.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.txt", nil, ErrEmpty},
		{"blank.txt", []byte(" \n\r\n\t　\n"), ErrEmpty},
		{"image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), ErrBinary},
		{"edition.pdf", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), ErrBinary},
		{"edition.docx", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), ErrBinary},
		{"edition.rtf", []byte("{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}\n"), ErrBinary},
		{"nul.txt", []byte("abc\x00def\x01\x02\x03ghi"), ErrBinary},
		{"bom-only.txt", []byte("\xEF\xBB\xBF"), ErrEmpty},
		{"latin1.txt", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e, \xe0 la fran\xe7aise"), ErrUndecodable},
		{"header-only.txt", []byte("2024年11月8日 星期五 第2版 要闻\n"), ErrNoArticles},
		{"no-body.html", []byte("<html><body><nav>首页</nav><script>x()</script></body></html>"), ErrNoArticles},
		{"all-empty.jsonl", []byte(`{"id":"a","title":"t","text":""}` + "\n" + `{"id":"b","text":"  "}`), ErrNoArticles},
		{"bad.jsonl", []byte(`{"id":"a","text":"正文。"}` + "\n{oops\n"), ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.name, tc.data, Meta{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("Parse(%s) error = %v, want %v", tc.name, err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestParseValidUTF8(t *testing.T) {
	ed, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range ed.Articles {
		for _, f := range articleFields(a) {
			if !utf8.ValidString(f) {
				t.Errorf("invalid UTF-8 in %q", f)
			}
		}
	}
}
