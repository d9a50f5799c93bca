package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"

	"newsbot/internal/logreg"
	"newsbot/retrieval"
)

// Refusals. Every reason to refuse an answer is one Check in the table refusalChecks, the only
// place an answer is refused; the extractor and the engine run the table's stages in order and
// record the first check that refuses (pick.Check, pick.Mismatch), so that `ask --json --explain`
// names it. A check returns why the pick cannot answer, "" when it may.

// Check is one reason to refuse: Refuse reads the question's analysis, the pick and the quoted
// window at its Stage.
type Check struct {
	Name   string
	Stage  checkStage
	Refuse func(in *checkInput) string
}

// checkStage is when a check runs: the stages follow one another as the pick is completed.
type checkStage int

const (
	// stageWindow: the quoted sentences (joined to the one before when it supplies the subject)
	// hold what is asked. These checks also judge the answering sentence alone and the one before.
	stageWindow checkStage = iota
	// stageArticle: the article holds what the question names (years, named terms).
	stageArticle
	// stageContext: the quoted subject is this article's and not only another's or a list's.
	stageContext
	// stageAnswer: the cut answer is of the kind asked (a list, a place, a deciding fact).
	stageAnswer
	// stageAttempt: the engine's thresholds over the whole attempt (evidence, a follow-up's words).
	stageAttempt
)

// checkInput is what a check reads. x is nil at stageAttempt for picks made without sentence
// scoring (bylines, roles).
type checkInput struct {
	x        *extractor
	p        *pick
	window   string // folded quoted sentences
	headline string // folded kicker, title and column
	res      *resolution
	minEv    float64       // the evidence threshold (checkEvidence), 0 when the model decides
	model    *logreg.Model // the fitted answer model (checkAnswerModel), nil when the threshold decides
}

// onWindow adapts a check of the question and the window.
func onWindow(f func(q question, window, headline string) string) func(*checkInput) string {
	return func(in *checkInput) string { return f(in.x.q, in.window, in.headline) }
}

// refusalChecks is the table of refusals, in the order they run within each stage.
var refusalChecks = []Check{
	{"units", stageWindow, onWindow(checkUnits)},
	{"attribute", stageWindow, onWindow(checkAttribute)},
	{"typed answer", stageWindow, onWindow(checkTypedAnswer)},
	{"title", stageWindow, onWindow(checkTitle)},
	{"noun", stageWindow, onWindow(checkNoun)},
	{"numbers named", stageWindow, onWindow(checkNumbersNamed)},
	{"statistic", stageWindow, onWindow(checkStatistic)},
	{"other entity", stageWindow, onWindow(checkOtherEntity)},
	{"where it is", stageWindow, onWindow(checkWhereItIs)},
	{"yes/no predicate", stageWindow, onWindow(checkYesNoPredicate)},
	{"agent role", stageWindow, onWindow(checkAgentRole)},
	{"origin", stageWindow, onWindow(checkOrigin)},
	{"role qualifier", stageWindow, onWindow(checkRoleQualifier)},
	{"winner told", stageWindow, onWindow(checkWinnerTold)},
	{"change", stageWindow, onWindow(checkChange)},
	{"rank named", stageWindow, onWindow(checkRankNamed)},
	{"day part", stageWindow, onWindow(checkDayPart)},

	{"years named", stageArticle, func(in *checkInput) string {
		c := in.p.Cand
		return checkYearsNamed(in.x.q, retrieval.FoldText(c.Article.Text)+" "+c.Headline+editionYears(c.Article))
	}},
	{"date named", stageArticle, func(in *checkInput) string { return checkDateNamed(in.x.q, in.p.Cand.Article) }},
	{"named terms", stageArticle, func(in *checkInput) string {
		c := in.p.Cand
		return checkNamedTerms(in.x.q, retrieval.FoldText(c.Article.Text)+" "+c.Headline, in.window)
	}},

	{"subject elsewhere", stageContext, checkSubjectElsewhere},
	{"subject in a list", stageContext, checkSubjectInList},
	{"measure qualifier", stageContext, checkMeasureQualifier},
	{"place of the article", stageContext, checkArticlePlace},

	{"no list", stageAnswer, checkListAnswer},
	{"yes/no evidence", stageAnswer, checkYesNoEvidence},
	{"no place", stageAnswer, checkPlaceAnswer},

	{"evidence", stageAttempt, checkEvidence},
	{"follow-up's own words", stageAttempt, checkFollowUpWords},
	{"answer model", stageAttempt, checkAnswerModel},
}

// refuse runs the checks of one stage and returns the first that refuses and why.
func refuse(stage checkStage, in *checkInput) (check, why string) {
	for _, c := range refusalChecks {
		if c.Stage != stage {
			continue
		}
		if why := c.Refuse(in); why != "" {
			return c.Name, why
		}
	}
	return "", ""
}

// mismatch explains why window (the quoted sentences) cannot answer q, "" when it may: the
// window stage alone. headline (kicker, title, column) counts for numbers the question names.
func mismatch(q question, window, headline string) string {
	_, why := refuse(stageWindow, &checkInput{x: &extractor{q: q}, window: window, headline: headline})
	return why
}

// checkSubjectElsewhere: the question's subject is held by another retrieved article, not this one.
func checkSubjectElsewhere(in *checkInput) string {
	x, c := in.x, in.p.Cand
	if x.subject != "" && x.elsewhere[x.subject] && !x.held[c][x.subject] && !x.editionPlace(c) {
		return "subject " + x.subject + " is in another article"
	}
	return ""
}

// checkSubjectInList: "委员们先后来到…、区第二人民医院新门诊楼和东湖幸福食堂…。今年,我区确定了15件
// 民生实事,计划总投资23.6亿元": one item of a list before is not what the next sentence's figure (or
// date) is about.
func checkSubjectInList(in *checkInput) string {
	x, p := in.x, in.p
	c := p.Cand
	if (x.q.Type == qtNumber || x.q.Type == qtDate) && p.From < p.Sent && x.subject != "" &&
		!holdsRun(c.Folded[p.Sent], x.subject) && listedIn(c.Folded[p.From], c.Folded[p.Sent], x.subject) {
		return "subject " + x.subject + " is one item of a list in the sentence before"
	}
	return ""
}

// checkArticlePlace: a subject opening with a place's name (河西县县长) needs an article naming
// that place.
func checkArticlePlace(in *checkInput) string {
	if place := leadingPlace(in.x.subject); place != "" && !in.x.namesPlaceOf(in.p.Cand, place) {
		return "the place " + place + " is not this article's"
	}
	return ""
}

// checkListAnswer: "音乐节有哪些乐队" is not told by "共有…24支乐队参加演出": a count names none of them.
func checkListAnswer(in *checkInput) string {
	q, p := in.x.q, in.p
	if (q.Type == qtList || q.Type == qtPlace && intent.QuestionWords[q.QWord] == qtList) &&
		(!containsAnyOf(p.Unit, listMarks) || countList(p.Unit)) {
		return "no list"
	}
	return ""
}

// checkYesNoEvidence: a deciding fact about something else ("免费预约参观" of a museum for "看早樱
// 要门票吗") reads as a confident yes or no: it must be about what is asked.
func checkYesNoEvidence(in *checkInput) string {
	if in.x.q.Type == qtYesNo && in.p.OwnCov < minYesNoEvidence {
		return "a deciding fact about something else"
	}
	return ""
}

// checkPlaceAnswer: "X在哪里" is answered by a place.
func checkPlaceAnswer(in *checkInput) string {
	p := in.p
	if asksWhereItIs(in.x.q) && p.Span != "" && !placeLike(asciiLower(fold(p.Span)), p.Cand.Folded[p.Sent]) {
		return "the span " + p.Span + " is no place"
	}
	return ""
}

// checkEvidence: the quote and headline must hold enough of the question's content characters
// (DefaultMinEvidence, calibrated on the eval sets; none when the fitted answer model decides,
// answermodel.go).
func checkEvidence(in *checkInput) string {
	if in.p.Evidence < in.minEv {
		return fmt.Sprintf("evidence %.3f below %.3f", in.p.Evidence, in.minEv)
	}
	return ""
}

// checkFollowUpWords: a follow-up that adds words of its own ("北接线全长多少公里？" → "票价呢？")
// must find some of them: the inherited subject alone does not answer it.
func checkFollowUpWords(in *checkInput) string {
	res := in.res
	if len(res.Topic) > 0 && len(runsOf(res.Q.Norm, res.Q.QWord)) > 0 && in.p.OwnCov == 0 {
		return "none of the follow-up's own words found"
	}
	return ""
}
