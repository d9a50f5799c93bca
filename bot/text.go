package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// fold maps full-width forms to half-width ("，" → ",", "１" → "1") so that text from mixed sources
// compares equal; it is the only tolerance allowed between a quote and its article.
func fold(s string) string { return width.Fold.String(s) }

// span is a byte range [Start, End) of an article's text.
type span struct{ Start, End int }

// sentenceEnds are the runes that close a sentence.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '\n':
		return true
	}
	return false
}

// isCloser is a rune that belongs to the sentence it follows (closing quotes and brackets).
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '》', ')', '）', '"', '\'':
		return true
	}
	return false
}

// splitSentences cuts text into sentences (byte spans, surrounding space trimmed). A sentence ends
// at 。！？!? or a line break; closing quotes after the terminator stay with it.
func splitSentences(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !isSentenceEnd(r) {
			continue
		}
		// (after a line break a quote mark opens the next paragraph: ASCII " is both)
		for i < len(text) && r != '\n' {
			r2, s2 := utf8.DecodeRuneInString(text[i:])
			if !isCloser(r2) && !(isSentenceEnd(r2) && r2 != '\n') {
				break
			}
			i += s2
		}
		out = appendTrimmed(out, text, start, i)
		start = i
	}
	return appendTrimmed(out, text, start, len(text))
}

// appendTrimmed appends text[start:end] without its surrounding white space, when anything is left.
func appendTrimmed(out []span, text string, start, end int) []span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if end > start {
		out = append(out, span{start, end})
	}
	return out
}

// isClauseBreak is punctuation that separates clauses inside a sentence (after folding).
func isClauseBreak(r rune) bool {
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

// isHan reports a CJK ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isPunctOrSpace is anything that carries no words: punctuation, symbols, space.
func isPunctOrSpace(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

// trimPunct removes punctuation and space at both ends of s, keeping closing/opening quote pairs
// balanced enough for display (a lone opening quote at the end or closing at the start goes).
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		if r == '%' || r == '％' || r == '℃' || r == '‰' {
			return false
		}
		return isPunctOrSpace(r)
	})
}

// trimBrokenQuotes drops a trailing unmatched opening quote mark and a leading unmatched closing one.
func balanceQuotes(s string) string {
	opens := strings.Count(s, "“") + strings.Count(s, "《") + strings.Count(s, "(") + strings.Count(s, "（")
	closes := strings.Count(s, "”") + strings.Count(s, "》") + strings.Count(s, ")") + strings.Count(s, "）")
	if opens == closes {
		return s
	}
	return trimPunct(strings.NewReplacer("“", "", "”", "", "《", "", "》", "", "(", "", ")", "", "（", "", "）", "").Replace(s))
}

// displayPunct turns ASCII punctuation that sits next to Chinese text into its full-width form, so
// that an answer built from a mixed-punctuation source reads as normal Chinese.
func displayPunct(s string) string {
	rs := []rune(s)
	// Brackets stay as written ("186件(套)"): they belong to what is quoted, not to the sentence's
	// punctuation.
	full := map[rune]rune{',': '，', ';': '；', ':': '：', '!': '！', '?': '？'}
	for i, r := range rs {
		f, ok := full[r]
		if !ok {
			continue
		}
		prevHan := i > 0 && isHan(rs[i-1])
		nextHan := i+1 < len(rs) && isHan(rs[i+1])
		if prevHan || nextHan {
			rs[i] = f
		}
	}
	return string(rs)
}

// runeLen is the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
