package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chunk sizes in characters (runes): a chunk grows sentence by sentence until it holds at least
// chunkMin characters, and beyond that only while it stays within chunkMax.
const (
	chunkMin = 150
	chunkMax = 400
	// sentenceMax is the longest sentence kept whole; longer ones are cut at commas.
	sentenceMax = chunkMax
)

// span is a half-open byte range [Start, End) of an article's text.
type span struct{ Start, End int }

// sentences splits text into sentences: after 。！？；… and their ASCII forms (runs of them, with
// closing quotes and brackets that follow), and at line breaks. A terminator inside “…” or 「…」
// does not end a sentence, so quoted speech stays whole. Sentences longer than sentenceMax are cut
// at commas and, failing that, at sentenceMax characters. Leading and trailing space is trimmed;
// empty sentences are dropped.
func sentences(text string) []span {
	var out []span
	start := 0
	depth := 0 // open quotes
	straight := false
	flush := func(end int) {
		out = appendSentence(out, text, start, end)
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			flush(i + size)
			depth, straight = 0, false
		case r == '“' || r == '「' || r == '『' || r == '‘':
			depth++
		case r == '”' || r == '」' || r == '』' || r == '’':
			if depth > 0 {
				depth--
			}
		case r == '"':
			straight = !straight
		case isTerminator(r) && depth == 0 && !straight:
			end := i + size
			for end < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[end:])
				if !isTerminator(r2) && !isCloser(r2) {
					break
				}
				end += s2
			}
			flush(end)
			i = end
			continue
		}
		i += size
	}
	flush(len(text))
	return out
}

func appendSentence(out []span, text string, start, end int) []span {
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
	if start >= end {
		return out
	}
	if utf8.RuneCountInString(text[start:end]) <= sentenceMax {
		return append(out, span{start, end})
	}
	return append(out, cutLong(text, start, end)...)
}

// cutLong cuts an over-long sentence after commas (or, without any, every sentenceMax runes)
// into pieces of at most sentenceMax runes.
func cutLong(text string, start, end int) []span {
	var out []span
	for start < end {
		limit, lastComma, n := end, -1, 0
		for i := start; i < end; {
			r, size := utf8.DecodeRuneInString(text[i:end])
			n++
			i += size
			if isTerminator(r) || r == '，' || r == ',' || r == '、' || r == '：' || r == ':' {
				lastComma = i
			}
			if n == sentenceMax {
				limit = i
				break
			}
		}
		if limit < end && lastComma > start {
			limit = lastComma
		}
		out = append(out, span{start, limit})
		start = limit
	}
	return out
}

func isTerminator(r rune) bool {
	return strings.ContainsRune("。！？；…!?;", r)
}

func isCloser(r rune) bool {
	return strings.ContainsRune("”’」』）)】\"'", r)
}

// chunkSpans groups an article's sentences into chunks of about chunkMin..chunkMax runes; each
// chunk after the first starts with the last sentence of the one before (one sentence of overlap),
// unless that sentence was the whole chunk. An article with no text has no chunks.
func chunkSpans(text string) []span {
	sents := sentences(text)
	var out []span
	for i := 0; i < len(sents); {
		j := i
		n := 0
		for j < len(sents) {
			m := utf8.RuneCountInString(text[sents[j].Start:sents[j].End])
			if j > i && n >= chunkMin && n+m > chunkMax {
				break
			}
			n += m
			j++
		}
		out = append(out, span{sents[i].Start, sents[j-1].End})
		if j == len(sents) {
			break
		}
		if j-1 > i {
			i = j - 1 // overlap: the last sentence opens the next chunk
		} else {
			i = j
		}
	}
	return out
}
