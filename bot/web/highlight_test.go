package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func marked(segs []Segment) []string {
	var out []string
	for _, s := range segs {
		if s.Mark {
			out = append(out, s.Text)
		}
	}
	return out
}

func TestHighlight(t *testing.T) {
	const text = "本报讯 (记者 朱梦琪) 昨天,武进区政府与达茂旗政府正式签署协议。\n" +
		"达茂旗总面积18177平方千米,辖12个苏木乡镇,总人口11.4万人。\n武进总面积1066平方千米。"
	tests := []struct {
		name  string
		text  string
		quote string
		want  []string
	}{
		{"exact", text, "总人口11.4万人。", []string{"总人口11.4万人。"}},
		{"full-width punctuation in quote", text, "达茂旗总面积18177平方千米，辖12个苏木乡镇", []string{"达茂旗总面积18177平方千米,辖12个苏木乡镇"}},
		{"full-width digits in quote", text, "总面积１８１７７平方千米", []string{"总面积18177平方千米"}},
		{"full-width text, half-width quote", "总面积１８１７７平方千米，辖", "18177平方千米,辖", []string{"１８１７７平方千米，辖"}},
		{"ellipses around quote", text, "…总面积18177平方千米…", []string{"总面积18177平方千米"}},
		{"ellipsis inside quote", text, "达茂旗总面积…总人口11.4万人", []string{"达茂旗总面积", "总人口11.4万人"}},
		{"across a paragraph break", text, "签署协议。达茂旗总面积", []string{"签署协议。\n达茂旗总面积"}},
		{"spaces ignored", text, "本报讯(记者朱梦琪)", []string{"本报讯 (记者 朱梦琪)"}},
		{"latin case ignored", "Newsbot 是 OpenAI 兼容的。", "openai", []string{"OpenAI"}},
		{"curly vs straight quotes", `共赴"新"征程。`, "共赴“新”征程", []string{`共赴"新"征程`}},
		{"paraphrase falls back to the closest sentence", text, "达茂旗的总面积为18177平方千米", []string{"达茂旗总面积18177平方千米,辖12个苏木乡镇,总人口11.4万人。"}},
		{"unrelated quote marks nothing", text, "国家档案局调研农村宅基地", nil},
		{"empty quote", text, "", nil},
		{"empty text", "", "总人口", nil},
		{"markup is plain text", xssText, xssQuote, []string{`<img src=x onerror="window.__xss='img'">正文。`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Highlight(tt.text, tt.quote)
			if got := marked(segs); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Highlight(…, %q) marked %q, want %q", tt.quote, got, tt.want)
			}
			assertSegmentsCover(t, tt.text, segs)
		})
	}
}

func assertSegmentsCover(t *testing.T, text string, segs []Segment) {
	t.Helper()
	var b strings.Builder
	for i, s := range segs {
		if s.Text == "" && len(segs) > 1 {
			t.Errorf("segment %d is empty", i)
		}
		if i > 0 && !s.Mark && !segs[i-1].Mark {
			t.Errorf("segments %d and %d are both unmarked: should be one", i-1, i)
		}
		b.WriteString(s.Text)
	}
	if b.String() != text {
		t.Errorf("segments join to %q, want the text %q", b.String(), text)
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("达茂旗总面积18177平方千米,辖12个苏木乡镇。\n第二段。", "总面积１８１７７平方千米，")
	f.Add("abc", "…b…")
	f.Add("a\xffb", "\xff")
	f.Add("１２３", "23")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, quote string) {
		segs := Highlight(text, quote)
		assertSegmentsCover(t, text, segs)
		// A quote found verbatim (and long enough to matter) is always marked.
		if utf8.ValidString(quote) && utf8.RuneCountInString(strings.TrimSpace(quote)) >= 2 &&
			!strings.ContainsAny(quote, "….") && strings.Contains(text, quote) && len(marked(segs)) == 0 {
			t.Errorf("quote %q is in text %q but nothing is marked", quote, text)
		}
	})
}

// BenchmarkHighlight marks a quote near the end of a long article, verbatim and (fallback) as a
// paraphrase.
func BenchmarkHighlight(b *testing.B) {
	text := strings.Repeat("武进地处长三角地理中心,总面积1066平方千米,常住人口172.41万人。\n", 200) +
		"达茂旗总面积18177平方千米,辖12个苏木乡镇。"
	for _, bc := range []struct{ name, quote string }{
		{"verbatim", "达茂旗总面积１８１７７平方千米，辖12个苏木乡镇"},
		{"paraphrase", "达茂旗的面积为18177平方千米"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if len(marked(Highlight(text, bc.quote))) == 0 {
					b.Fatal("nothing marked")
				}
			}
		})
	}
}
