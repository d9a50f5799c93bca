package web

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"newsbot/internal/sentence"
)

// Segment is a run of an article's text; Mark is set on the runs that quote the cited sentence.
// Concatenating every segment's Text gives the article's text back unchanged.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// minFallbackOverlap is the share of a quote's character bigrams a sentence must hold to be
// marked when the quote is not found verbatim (a paraphrasing LLM, an edited article).
const minFallbackOverlap = 0.5

// Highlight cuts text into segments marking quote. The match is tolerant: full-width and
// half-width forms, letter case and white space are ignored, and a quote shortened with "…" is
// matched piece by piece. When the quote is not in the text, the sentence that shares the most of
// its characters is marked instead, if it shares at least half of them.
func Highlight(text, quote string) []Segment {
	ft := foldWithOffsets(text)
	var ranges [][2]int
	from := 0
	for _, piece := range quotePieces(quote) {
		fp := foldWithOffsets(piece).folded
		i := indexFrom(ft.folded, fp, from)
		if i < 0 {
			i = indexFrom(ft.folded, fp, 0)
		}
		if i < 0 {
			continue
		}
		from = i + len(fp)
		ranges = append(ranges, [2]int{ft.start[i], ft.end[from-1]})
	}
	if len(ranges) == 0 {
		if r, ok := bestSentence(text, quote); ok {
			ranges = append(ranges, r)
		}
	}
	return segments(text, mergeRanges(ranges))
}

func indexFrom(s, sub string, from int) int {
	if sub == "" || from > len(s) {
		return -1
	}
	i := strings.Index(s[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}

// quotePieces splits a quote at ellipses ("…", "...") into the pieces that must appear in the
// text; pieces of one character are dropped unless nothing else is left.
func quotePieces(quote string) []string {
	quote = strings.ReplaceAll(quote, "...", "…")
	var pieces, short []string
	for _, p := range strings.Split(quote, "…") {
		p = strings.TrimSpace(p)
		switch n := utf8.RuneCountInString(p); {
		case n >= 2:
			pieces = append(pieces, p)
		case n == 1:
			short = append(short, p)
		}
	}
	if len(pieces) == 0 {
		return short
	}
	return pieces
}

// foldedText is a text folded for matching, with each folded byte's source span in the original.
type foldedText struct {
	folded     string
	start, end []int // byte offsets into the original, per folded byte
}

func foldWithOffsets(s string) foldedText {
	var b strings.Builder
	ft := foldedText{start: make([]int, 0, len(s)), end: make([]int, 0, len(s))}
	for i, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		f := foldRune(r)
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1
		}
		for range utf8.RuneLen(f) {
			ft.start = append(ft.start, i)
			ft.end = append(ft.end, i+size)
		}
		b.WriteRune(f)
	}
	ft.folded = b.String()
	return ft
}

// foldRune maps a rune to the form matching ignores differences of: width (，→ , Ａ→A),
// case, and curly versus straight quotes.
func foldRune(r rune) rune {
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	switch r {
	case '“', '”', '„', '「', '」':
		return '"'
	case '‘', '’', '『', '』':
		return '\''
	}
	return unicode.ToLower(r)
}

// bestSentence finds the sentence of text sharing the most character bigrams with quote.
func bestSentence(text, quote string) ([2]int, bool) {
	want := bigrams(foldWithOffsets(strings.Join(quotePieces(quote), "")).folded)
	if len(want) == 0 {
		return [2]int{}, false
	}
	best, bestScore := [2]int{}, 0.0
	for _, sent := range sentenceSplitter.Split(text) {
		got := bigrams(foldWithOffsets(text[sent.Start:sent.End]).folded)
		shared := 0
		for bg := range want {
			if got[bg] {
				shared++
			}
		}
		if score := float64(shared) / float64(len(want)); score > bestScore {
			best, bestScore = [2]int{sent.Start, sent.End}, score
		}
	}
	return best, bestScore >= minFallbackOverlap
}

func bigrams(s string) map[[2]rune]bool {
	rs := []rune(s)
	out := make(map[[2]rune]bool, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out[[2]rune{rs[i], rs[i+1]}] = true
	}
	if len(rs) == 1 {
		out[[2]rune{rs[0], 0}] = true
	}
	return out
}

// sentenceSplitter cuts an article into the sentences bestSentence compares with a quote: a
// sentence ends at 。！？；!?; or a line break (the module's one splitter, internal/sentence).
var sentenceSplitter = sentence.New(sentence.Rules{Terminators: "。！？；!?;"})

// mergeRanges orders ranges and joins overlapping or touching ones, so that segments never overlap.
func mergeRanges(ranges [][2]int) [][2]int {
	slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range ranges {
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

func segments(text string, marks [][2]int) []Segment {
	var out []Segment
	pos := 0
	for _, m := range marks {
		if m[0] > pos {
			out = append(out, Segment{Text: text[pos:m[0]]})
		}
		out = append(out, Segment{Text: text[m[0]:m[1]], Mark: true})
		pos = m[1]
	}
	if pos < len(text) || len(out) == 0 {
		out = append(out, Segment{Text: text[pos:]})
	}
	return out
}
