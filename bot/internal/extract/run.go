package extract

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/bot/internal/intent"
	"newsbot/internal/logreg"
	"sort"
	"strings"
)

// Extract picks the best answering sentence over the candidates as the engine does by default
// (the sentence model choosing among the chosen article's best); ok is false when there are no
// terms or no sentences.
func Extract(res core.Resolution, cands []*core.Candidate) (core.Pick, bool) {
	return ExtractWith(res, cands, SentenceModel)
}

// ExtractWith is Extract with the sentence model m choosing the answering sentence among the
// chosen article's best (sentmodel.go); nil leaves the choice to the scorer's rules.
func ExtractWith(res core.Resolution, cands []*core.Candidate, m *logreg.Model) (core.Pick, bool) {
	q := res.Q
	x := &core.Extractor{Q: q, PrevArt: res.PrevArticle}
	x.Terms = forms.WithoutChangeJunction(q, core.MergeTerms(q.Terms, res.Topic))
	if len(x.Terms) == 0 {
		return core.Pick{}, false
	}
	if core.IsBylineQuestion(q) {
		if c, cov, ok := core.BylinePick(q, cands); ok {
			return core.Pick{Cand: c, Byline: true, Evidence: cov, CharCov: cov, OwnCov: cov}, true
		}
	}
	if p, ok := forms.RolePick(x, cands); ok {
		return p, true
	}
	Prepare(x, res, cands)
	var all []core.Pick
	for _, c := range cands {
		for i := range c.Sents {
			all = append(all, Score(x, c, i))
		}
	}
	if len(all) == 0 {
		return core.Pick{}, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	best := Rerank(x, all)
	if m != nil {
		best = withModelSentence(x, m, best, all)
	}
	best.Top = core.TopRanked(all, core.MaxExplainedSentences)
	return best, true
}

// Prepare reads the question against the candidates once: term weights, the anchors beside the
// question word, the content runs evidence is measured by, the subject and the units asked.
func Prepare(x *core.Extractor, res core.Resolution, cands []*core.Candidate) {
	q := res.Q
	x.Idf = core.IdfWeights(x.Terms, cands)
	for _, t := range x.Terms {
		x.Total += x.Weight(t)
	}
	x.Anchors = core.AnchorsOf(q)
	if x.AsksEventPlace() {
		// "开幕式在哪里举行": the word before 在哪里 is the event, which the whole article is about;
		// placesEvent marks the answer instead.
		x.Anchors = nil
	}
	x.Runs = intent.RunsOf(q.Norm, q.QWord)
	x.OwnRuns = x.Runs
	if core.IsEnglish(q.Raw) {
		x.Runs = nil // only the content words count, not "what" or "is"
		for _, t := range q.Terms {
			x.Runs = append(x.Runs, t.Text)
		}
	}
	if len(res.Topic) > 0 {
		// A follow-up's evidence counts its inherited subject too ("它在哪里？").
		x.Runs = core.CapRuns(append(x.Runs, res.TopicRuns...))
	}
	x.AnchorSeen = core.AnyContains(cands, x.Anchors)
	if !x.AnchorSeen && !x.AsksEventPlace() {
		// "打完疫苗要在现场待多久": the word beside the question word (待) is the reader's, not the
		// text's ("在现场留观30分钟"); the nearest one the candidates hold marks the answer instead.
		x.Anchors = core.ReachAnchors(q, cands)
		x.AnchorSeen = len(x.Anchors) > 0
	}
	x.Subject = core.SubjectOf(x.Runs)
	if len(res.Topic) > 0 {
		x.Subject = core.FirstOr(res.TopicRuns)
	}
	x.MarkHeld(cands)
	x.SaidQuestion = forms.AsksWhatWasSaid(q)
	x.Units = core.ExpectedUnits(q)
}

// Rerank finishes the best-scored sentence; when it lacks what is asked ("要多少钱" matched by the
// line's route, not its fare), a close runner-up that has it answers instead.
func Rerank(x *core.Extractor, all []core.Pick) core.Pick {
	best := all[0]
	Finish(x, &best)
	tried := 0
	for k := 1; best.Mismatch != "" && k < len(all) && tried < maxRerank && all[k].Score >= rerankShare*all[0].Score; k++ {
		alt := all[k]
		// Another article's sentence may answer another question: it must be as much about this
		// one as the best ("晶圆厂二期项目在哪里": the photo caption names the plant's workshop,
		// the news article where the plant stands).
		need := rerankCoverage * best.OwnCov
		if alt.Cand != all[0].Cand {
			need = best.OwnCov
		}
		tried++
		Finish(x, &alt)
		if alt.Mismatch == "" && alt.OwnCov >= need {
			best = alt
			break
		}
	}
	return best
}

// A runner-up sentence is considered when the best one fails the compatibility checks: among
// the next maxRerank, scoring at least rerankShare of the best.
const (
	maxRerank   = 8
	rerankShare = 0.25
	// rerankCoverage: the runner-up must hold this share of the best one's evidence, so that it is
	// about the question too (0.5 lets "总投资1.36亿元" answer "住宿费每学期多少钱").
	rerankCoverage = 0.8
)

// Finish decides on joining the previous sentence, measures the evidence, cuts the answer and
// runs the refusal checks (refusal.go) stage by stage, recording the first that refuses.
func Finish(x *core.Extractor, p *core.Pick) {
	c := p.Cand
	window := joinPrevious(x, p)
	seen := evidenceText(x, p, window)
	p.CharCov = core.CharCoverage(x.Runs, seen)
	p.OwnCov = core.CharCoverage(x.OwnRuns, seen)
	p.Evidence = p.CharCov
	in := &core.CheckInput{X: x, P: p, Window: window, Headline: c.Headline}
	p.Check, p.Mismatch = Refuse(core.StageWindow, in)
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(core.StageArticle, in)
	}
	if p.From < p.Sent && p.Mismatch == "" {
		answerAlone(x, p)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(core.StageContext, in)
	}
	s := c.Folded[p.Sent]
	p.Unit, p.Span = cut(x, s, c.Shown[p.Sent])
	if x.SaidQuestion && forms.EmptySpeech(p.Unit) {
		forms.SpeechContent(x, p, false)
	} else if x.SaidQuestion && forms.MissesGroup(x, p) {
		forms.SpeechContent(x, p, true)
	}
	if p.Mismatch == "" {
		p.Check, p.Mismatch = Refuse(core.StageAnswer, in)
	}
}

// answerAlone: joined to the sentence before, the answer may be in that one ("…总投资约86亿元。
// 目前,地铁3号线…"): answer from it alone when this one lacks what is asked, unless that one fails
// alone too: the date of one sentence and the act of the other ("…报名通道开通仅2个小时…。去年秋季
// 班…") answer nothing together, nor does a fee and the next sentence's 免费 tell what building cost.
func answerAlone(x *core.Extractor, p *core.Pick) {
	c := p.Cand
	check, why := Refuse(core.StageWindow, &core.CheckInput{X: x, P: p, Window: c.Folded[p.Sent], Headline: c.Headline})
	if why == "" {
		return
	}
	if _, before := Refuse(core.StageWindow, &core.CheckInput{X: x, P: p, Window: c.Folded[p.From], Headline: c.Headline}); before != "" {
		p.Check, p.Mismatch = check, why+"; the sentence before has "+before
		return
	}
	p.Sent = p.From
}

// evidenceText is what p's window is read as for evidence: the window and the headline, the
// question words a paraphrase of which they hold, and what a reference in the window stands for.
func evidenceText(x *core.Extractor, p *core.Pick, window string) string {
	c := p.Cand
	seen := window + " " + c.Headline
	if x.QuoteLeads(c, p.Sent) {
		seen += " " + c.Folded[p.Sent+1]
	}
	extra := core.Paraphrased(x.Terms, seen)
	extra = append(extra, core.ReferredRuns(x.Runs, seen, core.ReferredText(c, p.From))...)
	if len(extra) == 0 {
		return seen
	}
	return seen + " " + strings.Join(extra, " ")
}

// joinPrevious joins the sentence before p's when it supplies a good share of the question's
// terms that p's sentence lacks (its subject, typically), and returns the quoted window.
func joinPrevious(x *core.Extractor, p *core.Pick) string {
	c := p.Cand
	s := c.Folded[p.Sent]
	if p.Sent == 0 || !core.SameParagraph(c, p.Sent-1, p.Sent) {
		return s
	}
	prev := c.Folded[p.Sent-1]
	var gain float64
	for _, t := range x.Terms {
		if !t.In(s) && t.In(prev) {
			gain += x.Weight(t)
		}
	}
	if gain < 0.2*x.Total || intent.RuneLen(prev)+intent.RuneLen(s) > core.MaxQuoteRunes {
		return s
	}
	p.From = p.Sent - 1
	return prev + s
}

// Refuse runs the checks of one stage and returns the first that refuses and why.
func Refuse(stage core.CheckStage, in *core.CheckInput) (check, why string) {
	for _, c := range forms.RefusalChecks {
		if c.Stage != stage {
			continue
		}
		if why := c.Refuse(in); why != "" {
			return c.Name, why
		}
	}
	return "", ""
}

// Mismatch explains why window (the quoted sentences) cannot answer q, "" when it may: the
// window stage alone. headline (kicker, title, column) counts for numbers the question names.
func Mismatch(q intent.Intent, window, headline string) string {
	_, why := Refuse(core.StageWindow, &core.CheckInput{X: &core.Extractor{Q: q}, Window: window, Headline: headline})
	return why
}

// Score rates sentence i of c: the weight of the terms it holds, plus a smaller share for terms
// that the headline or the sentence before it supply (context), shaped by the factors.
func Score(x *core.Extractor, c *core.Candidate, i int) core.Pick {
	s := c.Folded[i]
	own, ctx := x.TermScores(c, i)
	anchored, hasAnchor := x.AnchorScore(s)
	score := own + anchored + ctx
	if x.AnchorSeen && !hasAnchor {
		score *= core.NoAnchorFit
	}
	for _, f := range forms.ScoreFactors {
		score *= f.Fit(x, c, s)
	}
	return core.Pick{Cand: c, Sent: i, From: i, Score: score}
}

// cut returns the concise answer clause and the isolated span (both folded) from sentence s.
func cut(x *core.Extractor, s, shown string) (unit, spanText string) {
	c, unit, spanText, done := isolate(x, s, shown)
	if done {
		return unit, spanText
	}
	fitted := fittedSpan(x, c) // spanmodel.go: the answer clause stays the rules'
	if c.Ok {
		spanText = string(c.Shown[c.Start:c.End])
	} else if unit, done := x.ClauseWithoutSpan(c); done {
		return unit, core.TrimPunct(fitted)
	}
	if fitted != "" {
		spanText = fitted
	}
	return x.Widen(c), core.TrimPunct(spanText)
}

// isolate runs the clause forms (done: one answered with unit and span) and else the span forms
// on sentence s, returning the sentence being cut with the span they isolated.
func isolate(x *core.Extractor, s, shown string) (c *core.Cutting, unit, span string, done bool) {
	c = &core.Cutting{S: s, Sr: []rune(s), Shown: []rune(shown)}
	if len(c.Shown) != len(c.Sr) {
		c.Shown = c.Sr
	}
	for _, f := range forms.ClauseForms {
		if unit, span, ok := f.Cut(x, c); ok {
			return c, unit, span, true
		}
	}
	c.Start, c.End, c.Ok, c.Matched = core.AlignSpanContext(x.Q, s)
	if x.Q.Type == intent.YesNo {
		c.Ok = false // nothing stands where 是否 stands: the deciding fact is found by its words
	}
	for _, f := range forms.SpanForms {
		f.Find(x, c)
	}
	return c, "", "", false
}
