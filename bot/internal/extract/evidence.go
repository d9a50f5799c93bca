// Finishing a pick: joining the sentence before, measuring evidence, cutting the answer and
// running the refusal checks stage by stage (refusal.go).

package extract

import "strings"

// finish decides on joining the previous sentence, measures the evidence, cuts the answer and
// runs the refusal checks (refusal.go) stage by stage, recording the first that refuses.
func (x *Extractor) Finish(p *Pick) {
	c := p.Cand
	window := x.joinPrevious(p)
	seen := x.evidenceText(p, window)
	p.CharCov = charCoverage(x.runs, seen)
	p.OwnCov = charCoverage(x.ownRuns, seen)
	p.Evidence = p.CharCov
	in := &CheckInput{x: x, P: p, window: window, headline: c.Headline}
	p.Check, p.Mismatch = Refuse(StageWindow, in)
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(stageArticle, in)
	}
	if p.From < p.Sent && p.Mismatch == "" {
		x.answerAlone(p)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(stageContext, in)
	}
	s := c.Folded[p.Sent]
	p.Unit, p.Span = x.cut(s, c.Shown[p.Sent])
	if x.saidQuestion && EmptySpeech(p.Unit) {
		x.speechContent(p, false)
	} else if x.saidQuestion && x.missesGroup(p) {
		x.speechContent(p, true)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(stageAnswer, in)
	}
}

// answerAlone: joined to the sentence before, the answer may be in that one ("…总投资约86亿元。
// 目前,地铁3号线…"): answer from it alone when this one lacks what is asked, unless that one fails
// alone too: the date of one sentence and the act of the other ("…报名通道开通仅2个小时…。去年秋季
// 班…") answer nothing together, nor does a fee and the next sentence's 免费 tell what building cost.
func (x *Extractor) answerAlone(p *Pick) {
	c := p.Cand
	check, why := Refuse(StageWindow, &CheckInput{x: x, P: p, window: c.Folded[p.Sent], headline: c.Headline})
	if why == "" {
		return
	}
	if _, before := Refuse(StageWindow, &CheckInput{x: x, P: p, window: c.Folded[p.From], headline: c.Headline}); before != "" {
		p.Check, p.Mismatch = check, why+"; the sentence before has "+before
		return
	}
	p.Sent = p.From
}

// otherEventFit weighs a date sentence that lacks the event asked about while its article tells it.
const otherEventFit = 0.5

// articleHolds reports whether some sentence of c shares a bigram with w.
func articleHolds(c *Candidate, w string) bool {
	for _, s := range c.Folded {
		if sharesBigram(w, s) {
			return true
		}
	}
	return false
}

// minYesNoEvidence is the evidence a yes/no answer needs, above DefaultMinEvidence.
const minYesNoEvidence = 0.6

// quoteNextShare is the share of a term's weight that a quotation earns when the sentence after
// it, which names the speaker, holds the term.
const quoteNextShare = 0.8

// quoteLeads reports a sentence i of c that is a whole quotation followed, in its paragraph, by the
// sentence saying who spoke: features open with a quote and name its speaker after it. Only a
// figure or a date is read this way: a quote seldom tells where or what something is.
func (x *Extractor) quoteLeads(c *Candidate, i int) bool {
	if x.Q.Type != qtNumber && x.Q.Type != qtDate || i+1 >= len(c.Sents) || !sameParagraph(c, i, i+1) {
		return false
	}
	s := strings.TrimSpace(c.Folded[i])
	return (strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"")) &&
		(strings.HasSuffix(s, "”") || strings.HasSuffix(s, "\""))
}

// referredShare is the share of a term's weight that a sentence referring back to the article's
// subject ("该线路…") earns when the sentences it refers to hold the term.
const referredShare = 0.55

// evidenceText is what p's window is read as for evidence: the window and the headline, the
// question words a paraphrase of which they hold, and what a reference in the window stands for.
func (x *Extractor) evidenceText(p *Pick, window string) string {
	c := p.Cand
	seen := window + " " + c.Headline
	if x.quoteLeads(c, p.Sent) {
		seen += " " + c.Folded[p.Sent+1]
	}
	extra := paraphrased(x.Terms, seen)
	extra = append(extra, referredRuns(x.runs, seen, referredText(c, p.From))...)
	if len(extra) == 0 {
		return seen
	}
	return seen + " " + strings.Join(extra, " ")
}

// joinPrevious joins the sentence before p's when it supplies a good share of the question's
// terms that p's sentence lacks (its subject, typically), and returns the quoted window.
func (x *Extractor) joinPrevious(p *Pick) string {
	c := p.Cand
	s := c.Folded[p.Sent]
	if p.Sent == 0 || !sameParagraph(c, p.Sent-1, p.Sent) {
		return s
	}
	prev := c.Folded[p.Sent-1]
	var gain float64
	for _, t := range x.Terms {
		if !t.In(s) && t.In(prev) {
			gain += x.weight(t)
		}
	}
	if gain < 0.2*x.total || runeLen(prev)+runeLen(s) > maxQuoteRunes {
		return s
	}
	p.From = p.Sent - 1
	return prev + s
}

// sameParagraph reports whether sentences i and j of c are in one paragraph.
func sameParagraph(c *Candidate, i, j int) bool {
	return !strings.Contains(c.Article.Text[c.Sents[i].End:c.Sents[j].Start], "\n")
}

// charCoverage is the share of the runs' characters that lie inside a substring of two or more
// characters found in text: a word split differently ("防火知识" vs "消防安全知识") still counts
// for what it shares, and a bigram straddling two words costs nothing by itself.
func charCoverage(runs []string, text string) float64 {
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
