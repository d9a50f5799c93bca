package sentence

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var (
	plain  = Rules{Terminators: "。！？!?", Closers: "”’」』》)）\"'"}
	quoted = Rules{Terminators: "。！？；…!?;", Closers: "”’」』）)】\"'", QuotesWhole: true, MaxRunes: 12}
)

func texts(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name string
		r    Rules
		text string
		want []string
	}{
		{"terminators and a line break", plain, "他来了。她走了！\n  谁知道？", []string{"他来了。", "她走了！", "谁知道？"}},
		{"closers stay", plain, "他说：“好。”然后走了。", []string{"他说：“好。”", "然后走了。"}},
		{"runs of terminators", plain, "真的吗？！是的。", []string{"真的吗？！", "是的。"}},
		{"quotes whole", Rules{Terminators: "。", Closers: "”", QuotesWhole: true}, "他说：“好。走吧。”她走了。再见", []string{"他说：“好。走吧。”她走了。", "再见"}},
		{"a line break closes a quote", quoted, "“好。\n走。", []string{"“好。", "走。"}},
		{"long cut at commas", quoted, "一二三四五，六七八九十，一二三四五。", []string{"一二三四五，六七八九十，", "一二三四五。"}},
		{"long without commas", quoted, strings.Repeat("字", 30), []string{strings.Repeat("字", 12), strings.Repeat("字", 12), strings.Repeat("字", 6)}},
		{"empty", plain, " \n ", nil},
	} {
		if got := texts(c.text, Split(c.text, c.r)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Split(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// FuzzSplit: spans lie in order inside the text, do not overlap, are non-empty, trimmed (unless
// cut from a long sentence) and within MaxRunes.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"他来了。她走了！", "“好。走吧。”随后", "a\n\nb", "一二三四五，六七八九十，一二三四五。", "\"x.\" y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, r := range []Rules{plain, quoted} {
			prev := 0
			for _, s := range Split(text, r) {
				if s.Start < prev || s.End <= s.Start || s.End > len(text) {
					t.Fatalf("bad span %v after %d in %q", s, prev, text)
				}
				piece := text[s.Start:s.End]
				first, _ := utf8.DecodeRuneInString(piece)
				last, _ := utf8.DecodeLastRuneInString(piece)
				// (pieces of a long sentence cut at a comma are not trimmed again)
				if r.MaxRunes == 0 && (unicode.IsSpace(first) || unicode.IsSpace(last)) {
					t.Fatalf("untrimmed %q", piece)
				}
				if r.MaxRunes > 0 && utf8.RuneCountInString(piece) > r.MaxRunes {
					t.Fatalf("%q over %d runes", piece, r.MaxRunes)
				}
				prev = s.End
			}
		}
	})
}
