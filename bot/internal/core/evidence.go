// Finishing a pick: joining the sentence before, measuring evidence, cutting the answer and
// running the refusal checks stage by stage (refusal.go).

package core

import "newsbot/bot/internal/intent"
import "strings"

// OtherEventFit weighs a date sentence that lacks the event asked about while its article tells it.
const OtherEventFit = 0.5

// ArticleHolds reports whether some sentence of c shares a bigram with w.
func ArticleHolds(c *Candidate, w string) bool {
	for _, s := range c.Folded {
		if SharesBigram(w, s) {
			return true
		}
	}
	return false
}

// MinYesNoEvidence is the evidence a yes/no answer needs, above DefaultMinEvidence.
const MinYesNoEvidence = 0.6

// quoteNextShare is the share of a term's weight that a quotation earns when the sentence after
// it, which names the speaker, holds the term.
const quoteNextShare = 0.8

// QuoteLeads reports a sentence i of c that is a whole quotation followed, in its paragraph, by the
// sentence saying who spoke: features open with a quote and name its speaker after it. Only a
// figure or a date is read this way: a quote seldom tells where or what something is.
func (x *Extractor) QuoteLeads(c *Candidate, i int) bool {
	if x.Q.Type != intent.Number && x.Q.Type != intent.Date || i+1 >= len(c.Sents) || !SameParagraph(c, i, i+1) {
		return false
	}
	s := strings.TrimSpace(c.Folded[i])
	return (strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"")) &&
		(strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\""))
}

// referredShare is the share of a term's weight that a sentence referring back to the article's
// subject ("该线路…") earns when the sentences it refers to hold the term.
const referredShare = 0.55

// SameParagraph reports whether sentences i and j of c are in one paragraph.
func SameParagraph(c *Candidate, i, j int) bool {
	return !strings.Contains(c.Article.Text[c.Sents[i].End:c.Sents[j].Start], "\n")
}

// CharCoverage is the share of the runs' characters that lie inside a substring of two or more
// characters found in text: a word split differently ("防火知识" vs "消防安全知识") still counts
// for what it shares, and a bigram straddling two words costs nothing by itself.
func CharCoverage(runs []string, text string) float64 {
	total, covered := 0, 0
	for _, run := range runs {
		rs := []rune(run)
		total += len(rs)
		marked := make([]bool, len(rs))
		for i := 0; i+1 < len(rs); i++ {
			if strings.Contains(text, string(rs[i:i+2])) {
				marked[i], marked[i+1] = true, true
			}
		}
		if len(rs) == 1 && strings.Contains(text, run) {
			marked[0] = true
		}
		for _, m := range marked {
			if m {
				covered++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(covered) / float64(total)
}
