package forms

import (
	"fmt"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/retrieval"
)

// everyQuestion holds the parts that judge every question, whatever its form: the sentence's
// retrieval rank, the previous answer's article (follow-ups), its placement in the article, the
// aspect asked, whole question runs, its length; and the checks every answer passes (the
// attribute asked, the terms and years the question names, the subject being this article's,
// the evidence threshold or the fitted answer model).
var everyQuestion = questionForm{
	name: "every question",
	factors: []core.ScoreFactor{
		{Name: "rank", Order: 60, Fit: func(_ *core.Extractor, c *core.Candidate, _ string) float64 {
			return 1 / (1 + core.RankDecay*float64(c.Rank))
		}},
		{Name: "previous article", Order: 70, Fit: func(x *core.Extractor, c *core.Candidate, _ string) float64 {
			return core.When(x.PrevArt != "" && c.Article.ID == x.PrevArt, core.PrevArticleIn)
		}},
		{Name: "placement", Order: 80, Fit: func(x *core.Extractor, c *core.Candidate, _ string) float64 { return x.Placement(c) }},
		{Name: "aspect", Order: 90, Fit: func(x *core.Extractor, _ *core.Candidate, s string) float64 { return core.AspectFit(x.Q.Norm, s) }},
		{Name: "whole run", Order: 180, Fit: func(x *core.Extractor, _ *core.Candidate, s string) float64 { return x.WholeRunFit(s) }},
		{Name: "length", Order: 200, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
			return 1 / (1 + float64(intent.RuneLen(s))/core.LengthDecay)
		}},
	},
	checks: []core.Check{
		{Name: "attribute", Stage: core.StageWindow, Order: 20, Refuse: core.OnWindow(core.CheckAttribute)},
		{Name: "named terms", Stage: core.StageArticle, Order: 230, Refuse: func(in *core.CheckInput) string {
			c := in.P.Cand
			return core.CheckNamedTerms(in.X.Q, retrieval.FoldText(c.Article.Text)+" "+c.Headline, in.Window)
		}},
		{Name: "subject elsewhere", Stage: core.StageContext, Order: 310, Refuse: checkSubjectElsewhere},
		{Name: "subject in a list", Stage: core.StageContext, Order: 320, Refuse: checkSubjectInList},
		{Name: "subject agreement", Stage: core.StageContext, Order: 325, Refuse: core.CheckSubjectAgreement},
		{Name: "place of the article", Stage: core.StageContext, Order: 340, Refuse: checkArticlePlace},
		{Name: "evidence", Stage: core.StageAttempt, Order: 510, Refuse: checkEvidence},
		{Name: "follow-up's own words", Stage: core.StageAttempt, Order: 520, Refuse: checkFollowUpWords},
		{Name: "answer model", Stage: core.StageAttempt, Order: 530, Refuse: checkAnswerModel},
	},
}

// checkSubjectElsewhere: the question's subject is held by another retrieved article, not this one.
func checkSubjectElsewhere(in *core.CheckInput) string {
	x, c := in.X, in.P.Cand
	if x.Subject != "" && x.Elsewhere[x.Subject] && !x.Held[c][x.Subject] && !x.EditionPlace(c) {
		return "subject " + x.Subject + " is in another article"
	}
	return ""
}

// checkSubjectInList: "委员们先后来到…、区第二人民医院新门诊楼和东湖幸福食堂…。今年,我区确定了15件
// 民生实事,计划总投资23.6亿元": one item of a list before is not what the next sentence's figure (or
// date) is about.
func checkSubjectInList(in *core.CheckInput) string {
	x, p := in.X, in.P
	c := p.Cand
	if (x.Q.Type == intent.Number || x.Q.Type == intent.Date) && p.From < p.Sent && x.Subject != "" &&
		!core.HoldsRun(c.Folded[p.Sent], x.Subject) && core.ListedIn(c.Folded[p.From], c.Folded[p.Sent], x.Subject) {
		return "subject " + x.Subject + " is one item of a list in the sentence before"
	}
	return ""
}

// checkArticlePlace: a subject opening with a place's name (河西县县长) needs an article naming
// that place.
func checkArticlePlace(in *core.CheckInput) string {
	if place := core.LeadingPlace(in.X.Subject); place != "" && !in.X.NamesPlaceOf(in.P.Cand, place) {
		return "the place " + place + " is not this article's"
	}
	return ""
}

// checkEvidence: the quote and headline must hold enough of the question's content characters
// (DefaultMinEvidence, calibrated on the eval sets; none when the fitted answer model decides,
// answermodel.go).
func checkEvidence(in *core.CheckInput) string {
	if in.P.Evidence < in.MinEv {
		return fmt.Sprintf("evidence %.3f below %.3f", in.P.Evidence, in.MinEv)
	}
	return ""
}

// checkFollowUpWords: a follow-up that adds words of its own ("北接线全长多少公里？" → "票价呢？")
// must find some of them: the inherited subject alone does not answer it.
func checkFollowUpWords(in *core.CheckInput) string {
	res := in.Res
	if len(res.Topic) > 0 && len(intent.RunsOf(res.Q.Norm, res.Q.QWord)) > 0 && in.P.OwnCov == 0 {
		return "none of the follow-up's own words found"
	}
	return ""
}
