package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Rules say where sentences end.
type Rules struct {
	// Terminators end a sentence (a line break always does); a run of them, and the Closers
	// after them, stay with the sentence they end.
	Terminators string
	// Closers are closing quotes and brackets that belong to the sentence they follow.
	Closers string
	// QuotesWhole keeps quoted speech whole: a terminator inside “…”, 「…」, 『…』, ‘…’ or "…"
	// does not end a sentence. A line break closes any quote left open.
	QuotesWhole bool
	// MaxRunes, when above zero, is the longest sentence kept whole: longer ones are cut after a
	// comma, a terminator or a colon, failing that every MaxRunes runes.
	MaxRunes int
}

// Splitter splits under fixed Rules, its rune classes looked up in a table built once.
type Splitter struct {
	r     Rules
	class map[rune]uint8
}

// Rune classes of a Splitter.
const (
	classTerminator uint8 = 1 << iota
	classCloser
	classOpenQuote
	classCloseQuote
)

// New returns a Splitter for r.
func New(r Rules) *Splitter {
	sp := &Splitter{r: r, class: map[rune]uint8{}}
	for _, c := range r.Terminators {
		sp.class[c] |= classTerminator
	}
	for _, c := range r.Closers {
		sp.class[c] |= classCloser
	}
	if r.QuotesWhole {
		for _, c := range "“「『‘" {
			sp.class[c] |= classOpenQuote
		}
		for _, c := range "”」』’" {
			sp.class[c] |= classCloseQuote
		}
	}
	return sp
}

// classOf is c's classes; letters and most characters have none, so most lookups end at the
// first test.
func (sp *Splitter) classOf(c rune) uint8 {
	if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') || c >= 0x4e00 && c <= 0x9fff {
		return 0
	}
	return sp.class[c]
}

// Split cuts text into sentences under the Splitter's rules, each trimmed of surrounding white
// space; empty ones are dropped.
func (sp *Splitter) Split(text string) []Span {
	r := sp.r
	var out []Span
	start, depth, straight := 0, 0, false
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if c == '\n' {
			out = r.appendTrimmed(out, text, start, i)
			start, depth, straight = i, 0, false
			continue
		}
		cl := sp.classOf(c)
		switch {
		case cl&classOpenQuote != 0:
			depth++
		case cl&classCloseQuote != 0:
			depth = max(depth-1, 0)
		case r.QuotesWhole && c == '"':
			straight = !straight
		case cl&classTerminator != 0 && depth == 0 && !straight:
			for i < len(text) {
				c2, s2 := utf8.DecodeRuneInString(text[i:])
				if sp.classOf(c2)&(classTerminator|classCloser) == 0 {
					break
				}
				i += s2
			}
			out = r.appendTrimmed(out, text, start, i)
			start = i
		}
	}
	return r.appendTrimmed(out, text, start, len(text))
}

// Split cuts text into sentences under r (New(r).Split(text); callers splitting often keep a
// Splitter).
func Split(text string, r Rules) []Span { return New(r).Split(text) }

// appendTrimmed appends text[start:end] without its surrounding white space, when anything is
// left, cut into pieces when it is longer than MaxRunes.
func (r Rules) appendTrimmed(out []Span, text string, start, end int) []Span {
	for start < end {
		c, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(c) {
			break
		}
		start += size
	}
	for end > start {
		c, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(c) {
			break
		}
		end -= size
	}
	if start >= end {
		return out
	}
	if r.MaxRunes <= 0 || utf8.RuneCountInString(text[start:end]) <= r.MaxRunes {
		return append(out, Span{start, end})
	}
	return append(out, r.cutLong(text, start, end)...)
}

// cutLong cuts an over-long sentence after commas (or, without any, every MaxRunes runes) into
// pieces of at most MaxRunes runes.
func (r Rules) cutLong(text string, start, end int) []Span {
	var out []Span
	for start < end {
		limit, lastComma, n := end, -1, 0
		for i := start; i < end; {
			c, size := utf8.DecodeRuneInString(text[i:end])
			n++
			i += size
			if strings.ContainsRune(r.Terminators, c) || strings.ContainsRune("，,、：:", c) {
				lastComma = i
			}
			if n == r.MaxRunes {
				limit = i
				break
			}
		}
		if limit < end && lastComma > start {
			limit = lastComma
		}
		out = append(out, Span{start, limit})
		start = limit
	}
	return out
}
