package core

import (
	"newsbot/bot/internal/intent"
	"strings"
	"unicode"

	"newsbot/internal/sentence"
)

// span is a byte range [Start, End) of an article's text.
type span = sentence.Span

// splitter keeps the answerer's sentence rules: a sentence ends at 。！？!? or a line break;
// closing quotes and brackets after the terminator stay with it, and quoted speech stays whole as
// in retrieval. Unlike retrieval's, ；and … do not end a sentence: the answerer cuts a sentence's
// parts at semicolons itself (isMajorBreak), and needs no length cap for chunks.
var splitter = sentence.New(sentence.Rules{Terminators: "。！？!?", Closers: "”’」』》)）\"'", QuotesWhole: true})

// SplitSentences cuts text into sentences (byte spans, surrounding space trimmed).
func SplitSentences(text string) []span { return splitter.Split(text) }

// IsClauseBreak is punctuation that separates clauses inside a sentence (after folding).
func IsClauseBreak(r rune) bool {
	switch r {
	case ',', ';', ':', '，', '；', '：', '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

// isMajorBreak separates the parts of a long sentence (semicolons) and the sentence itself.
func isMajorBreak(r rune) bool {
	switch r {
	case ';', '；', '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

// IsPunctOrSpace is anything that carries no words: punctuation, symbols, space.
func IsPunctOrSpace(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

// TrimPunct removes punctuation and space at both ends of s, keeping closing/opening quote pairs
// balanced enough for display (a lone opening quote at the end or closing at the start goes).
func TrimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		if r == '%' || r == '％' || r == '℃' || r == '‰' {
			return false
		}
		return IsPunctOrSpace(r)
	})
}

// trimBrokenQuotes drops a trailing unmatched opening quote mark and a leading unmatched closing one.
func BalanceQuotes(s string) string {
	opens := strings.Count(s, "“") + strings.Count(s, "《") + strings.Count(s, "(") + strings.Count(s, "（")
	closes := strings.Count(s, "”") + strings.Count(s, "》") + strings.Count(s, ")") + strings.Count(s, "）")
	if opens == closes {
		return s
	}
	return TrimPunct(strings.NewReplacer("“", "", "”", "", "《", "", "》", "", "(", "", ")", "", "（", "", "）", "").Replace(s))
}

// DisplayPunct turns ASCII punctuation that sits next to Chinese text into its full-width form, so
// that an answer built from a mixed-punctuation source reads as normal Chinese.
func DisplayPunct(s string) string {
	rs := []rune(s)
	// Brackets stay as written ("186件(套)"): they belong to what is quoted, not to the sentence's
	// punctuation.
	full := map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？'}
	for i, r := range rs {
		f, ok := full[r]
		if !ok {
			continue
		}
		prevHan := i > 0 && intent.IsHan(rs[i-1])
		nextHan := i+1 < len(rs) && intent.IsHan(rs[i+1])
		if prevHan || nextHan {
			rs[i] = f
		}
	}
	return string(rs)
}
