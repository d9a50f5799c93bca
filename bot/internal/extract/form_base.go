package extract

import (
	"fmt"
	"newsbot/retrieval"
)

// everyQuestion holds the parts that judge every question, whatever its form: the sentence's
// retrieval rank, the previous answer's article (follow-ups), its placement in the article, the
// aspect asked, whole question runs, its length; and the checks every answer passes (the
// attribute asked, the terms and years the question names, the subject being this article's,
// the evidence threshold or the fitted answer model).
var everyQuestion = questionForm{
	name: "every question",
	factors: []scoreFactor{
		{name: "rank", order: 60, fit: func(_ *Extractor, c *Candidate, _ string) float64 { return 1 / (1 + rankDecay*float64(c.Rank)) }},
		{name: "previous article", order: 70, fit: func(x *Extractor, c *Candidate, _ string) float64 {
			return when(x.PrevArt != "" && c.Article.ID == x.PrevArt, prevArticleIn)
		}},
		{name: "placement", order: 80, fit: func(x *Extractor, c *Candidate, _ string) float64 { return x.placement(c) }},
		{name: "aspect", order: 90, fit: func(x *Extractor, _ *Candidate, s string) float64 { return aspectFit(x.Q.Norm, s) }},
		{name: "whole run", order: 180, fit: func(x *Extractor, _ *Candidate, s string) float64 { return x.wholeRunFit(s) }},
		{name: "length", order: 200, fit: func(_ *Extractor, _ *Candidate, s string) float64 { return 1 / (1 + float64(runeLen(s))/lengthDecay) }},
	},
	checks: []Check{
		{Name: "attribute", Stage: StageWindow, order: 20, Refuse: onWindow(checkAttribute)},
		{Name: "named terms", Stage: stageArticle, order: 230, Refuse: func(in *CheckInput) string {
			c := in.P.Cand
			return CheckNamedTerms(in.x.Q, retrieval.FoldText(c.Article.Text)+" "+c.Headline, in.window)
		}},
		{Name: "subject elsewhere", Stage: stageContext, order: 310, Refuse: checkSubjectElsewhere},
		{Name: "subject in a list", Stage: stageContext, order: 320, Refuse: checkSubjectInList},
		{Name: "place of the article", Stage: stageContext, order: 340, Refuse: checkArticlePlace},
		{Name: "evidence", Stage: StageAttempt, order: 510, Refuse: checkEvidence},
		{Name: "follow-up's own words", Stage: StageAttempt, order: 520, Refuse: checkFollowUpWords},
		{Name: "answer model", Stage: StageAttempt, order: 530, Refuse: checkAnswerModel},
	},
}

// checkSubjectElsewhere: the question's subject is held by another retrieved article, not this one.
func checkSubjectElsewhere(in *CheckInput) string {
	x, c := in.x, in.P.Cand
	if x.subject != "" && x.elsewhere[x.subject] && !x.held[c][x.subject] && !x.editionPlace(c) {
		return "subject " + x.subject + " is in another article"
	}
	return ""
}

// checkSubjectInList: "委员们先后来到…、区第二人民医院新门诊楼和东湖幸福食堂…。今年,我区确定了15件
// 民生实事,计划总投资23.6亿元": one item of a list before is not what the next sentence's figure (or
// date) is about.
func checkSubjectInList(in *CheckInput) string {
	x, p := in.x, in.P
	c := p.Cand
	if (x.Q.Type == qtNumber || x.Q.Type == qtDate) && p.From < p.Sent && x.subject != "" &&
		!holdsRun(c.Folded[p.Sent], x.subject) && listedIn(c.Folded[p.From], c.Folded[p.Sent], x.subject) {
		return "subject " + x.subject + " is one item of a list in the sentence before"
	}
	return ""
}

// checkArticlePlace: a subject opening with a place's name (河西县县长) needs an article naming
// that place.
func checkArticlePlace(in *CheckInput) string {
	if place := leadingPlace(in.x.subject); place != "" && !in.x.namesPlaceOf(in.P.Cand, place) {
		return "the place " + place + " is not this article's"
	}
	return ""
}

// checkEvidence: the quote and headline must hold enough of the question's content characters
// (DefaultMinEvidence, calibrated on the eval sets; none when the fitted answer model decides,
// answermodel.go).
func checkEvidence(in *CheckInput) string {
	if in.P.Evidence < in.MinEv {
		return fmt.Sprintf("evidence %.3f below %.3f", in.P.Evidence, in.MinEv)
	}
	return ""
}

// checkFollowUpWords: a follow-up that adds words of its own ("北接线全长多少公里？" → "票价呢？")
// must find some of them: the inherited subject alone does not answer it.
func checkFollowUpWords(in *CheckInput) string {
	res := in.Res
	if len(res.Topic) > 0 && len(runsOf(res.Q.Norm, res.Q.QWord)) > 0 && in.P.OwnCov == 0 {
		return "none of the follow-up's own words found"
	}
	return ""
}
