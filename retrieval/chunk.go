package retrieval

import (
	"unicode/utf8"

	"newsbot/internal/sentence"
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
type span = sentence.Span

// splitter keeps retrieval's sentence rules: after 。！？；… and their ASCII forms (runs of them,
// with closing quotes and brackets that follow), and at line breaks. A terminator inside “…” or
// 「…」 does not end a sentence, so quoted speech stays whole. Sentences longer than sentenceMax
// are cut at commas and, failing that, at sentenceMax characters.
var splitter = sentence.New(sentence.Rules{Terminators: "。！？；…!?;", Closers: "”’」』）)】\"'", QuotesWhole: true, MaxRunes: sentenceMax})

// sentences splits text into sentences under splitter's rules, trimmed, empty ones dropped.
func sentences(text string) []span { return splitter.Split(text) }

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
		out = append(out, span{Start: sents[i].Start, End: sents[j-1].End})
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
