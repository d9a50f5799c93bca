package retrieval

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func spanTexts(text string, spans []span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"full-width stops", "第一句。第二句！第三句？", []string{"第一句。", "第二句！", "第三句？"}},
		{"ascii stops and semicolons", "甲;乙!丙?", []string{"甲;", "乙!", "丙?"}},
		{"quote kept whole", "他说：“今天很好。明天更好！”大家鼓掌。", []string{"他说：“今天很好。明天更好！”大家鼓掌。"}},
		{"closing quote follows stop", "主题是“全民消防。”然后开始。", []string{"主题是“全民消防。”然后开始。"}},
		{"ellipsis run", "等等……然后呢。", []string{"等等……", "然后呢。"}},
		{"line breaks end sentences", "没有句号\n下一段。", []string{"没有句号", "下一段。"}},
		{"space trimmed", "  前面有空格。  \n", []string{"前面有空格。"}},
		{"decimal point kept", "总人口11.4万人。", []string{"总人口11.4万人。"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spanTexts(tt.text, sentences(tt.text))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSentencesCutsOverlongSentences(t *testing.T) {
	long := strings.Repeat("很长的一个分句，", 120) + "结束。"
	for _, s := range sentences(long) {
		if n := utf8.RuneCountInString(long[s.Start:s.End]); n > sentenceMax {
			t.Errorf("sentence of %d runes, want at most %d", n, sentenceMax)
		}
	}
}

func TestChunkSpansOnBuiltin(t *testing.T) {
	for _, a := range fixtureArticles(t) {
		spans := chunkSpans(a.Text)
		if len(spans) == 0 {
			t.Fatalf("%s: no chunks", a.ID)
		}
		for i, s := range spans {
			n := utf8.RuneCountInString(a.Text[s.Start:s.End])
			if n > chunkMax+sentenceMax || (n < chunkMin && i < len(spans)-1) {
				t.Errorf("%s chunk %d has %d runes, want about %d..%d", a.ID, i, n, chunkMin, chunkMax)
			}
			if i > 0 && s.Start >= spans[i-1].End {
				t.Errorf("%s chunk %d starts at %d, after the previous end %d: want one sentence of overlap", a.ID, i, s.Start, spans[i-1].End)
			}
		}
		if last := spans[len(spans)-1]; strings.TrimSpace(a.Text[last.End:]) != "" {
			t.Errorf("%s: text after the last chunk: %q", a.ID, a.Text[last.End:])
		}
	}
}

// checkSpans verifies the invariants every chunking must keep.
func checkSpans(t *testing.T, text string, spans []span) {
	t.Helper()
	prevStart := -1
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("bad span %+v of %d bytes", s, len(text))
		}
		if !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Fatalf("span %+v cuts a character", s)
		}
		if s.Start <= prevStart {
			t.Fatalf("span %+v does not advance past %d", s, prevStart)
		}
		prevStart = s.Start
	}
}

func FuzzChunkSpans(f *testing.F) {
	for _, seed := range []string{"", "。", "甲。乙！丙？", "“引号。里面”外面。", strings.Repeat("字", 900), "a\nb\n\nc", "\"straight. quote\" end."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkSpans(t, text, sentences(text))
		checkSpans(t, text, chunkSpans(text))
	})
}
