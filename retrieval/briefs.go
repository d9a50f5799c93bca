package retrieval

import (
	"strings"
	"unicode/utf8"
)

// A round-up (国内联播快讯, 国际联播快讯, a report with sub-items) is several unrelated briefs,
// each a title line over its text. Its whole text names a question's words scattered over
// briefs, and its headline names none of them, while the brief that answers holds them under a
// title as pertinent as a whole article's headline. Splitting round-ups into articles at parse
// time lost recall (short briefs outranked longer articles holding the same words); instead the
// rerank reads each candidate's briefs as units of their own: how much of the question the best
// brief title and the best brief hold (features brief_head and brief). Both weigh 0 in
// rank_model.json for now: at 0.1 the brief title raised hit@1 on four blind sets but answered no
// question more (the answerer already reads the first four articles) and two fewer on one.

// maxBriefTitle bounds a brief's title line in runes: a longer line is a paragraph.
const maxBriefTitle = 40

// minBriefs is how many titled briefs make a round-up.
const minBriefs = 2

// minBriefHead is the share of the query a brief title must hold to count as a headline: a title
// naming only part of it lifted xwlb round-ups over the gold passages of XQuAD-zh (recall@1 with
// all xwlb 0.9076 → 0.9042 ungated, 0.9059 at 0.5, unchanged at 0.7; the blind tuning set gains
// the same either way).
const minBriefHead = 0.7

// brief is one titled item of a round-up: its title line and its text up to the next title, as
// byte ranges of the text they were found in.
type brief struct{ title, body span }

// briefsOf finds the titled briefs of text: a short line without a sentence's final punctuation
// followed by a longer line. A text with fewer than minBriefs such titles is no round-up (nil).
func briefsOf(text string) []brief {
	var lines []span
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if s := trimSpan(text, span{Start: start, End: end}); s.End > s.Start {
			lines = append(lines, s)
		}
		start = end + 1
	}
	var out []brief
	for i := 0; i+1 < len(lines); i++ {
		if !briefTitle(text[lines[i].Start:lines[i].End], text[lines[i+1].Start:lines[i+1].End]) {
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].body.End = lines[i-1].End
		}
		out = append(out, brief{title: lines[i], body: span{Start: lines[i+1].Start, End: len(text)}})
	}
	if len(out) < minBriefs {
		return nil
	}
	return out
}

// briefTitle reports line as a brief's title over next: short, unfinished (no 。！？；： or
// closing quote at its end, which a paragraph or a lead such as 央视网消息（新闻联播）： has) and
// shorter than the line it heads.
func briefTitle(line, next string) bool {
	n := utf8.RuneCountInString(line)
	if n > maxBriefTitle || n >= utf8.RuneCountInString(next) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune("。！？!?；;：:…”\"）)", last)
}

// trimSpan is s without the spaces at its ends.
func trimSpan(text string, s span) span {
	for s.Start < s.End && (text[s.Start] == ' ' || text[s.Start] == '\t' || text[s.Start] == '\r') {
		s.Start++
	}
	for s.End > s.Start && (text[s.End-1] == ' ' || text[s.End-1] == '\t' || text[s.End-1] == '\r') {
		s.End--
	}
	return s
}

// briefCoverages are the best coverages (coveredShare) of the content words by one brief title
// of folded text (0 under minBriefHead) and, when whole is asked (it costs a pass over the text),
// by one brief (its title and text); both 0 when the text is no round-up.
func briefCoverages(text string, content []string, weights []float64, alts [][]string, credit float64, wantWhole bool) (head, whole float64) {
	if len(content) == 0 {
		return 0, 0
	}
	for _, b := range briefsOf(text) {
		head = max(head, coveredShare(text[b.title.Start:b.title.End], content, weights, alts, credit))
		if wantWhole {
			whole = max(whole, coveredShare(text[b.title.Start:b.body.End], content, weights, alts, credit))
		}
	}
	if head < minBriefHead {
		head = 0
	}
	return head, whole
}
