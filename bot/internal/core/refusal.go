package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/internal/logreg"
)

// Refusals. Every reason to refuse an answer is one Check in the table refusalChecks, the only
// place an answer is refused; the extractor and the engine run the table's stages in order and
// record the first check that refuses (pick.Check, pick.Mismatch), so that `ask --json --explain`
// names it. A check returns why the pick cannot answer, "" when it may.

// Check is one reason to refuse: Refuse reads the question's analysis, the pick and the quoted
// window at its Stage.
type Check struct {
	Name   string
	Stage  CheckStage
	Order  int // its place in refusalChecks within its stage
	Refuse func(in *CheckInput) string
}

// CheckStage is when a check runs: the stages follow one another as the pick is completed.
type CheckStage int

const (
	// StageWindow: the quoted sentences (joined to the one before when it supplies the subject)
	// hold what is asked. These checks also judge the answering sentence alone and the one before.
	StageWindow CheckStage = iota
	// stageArticle: the article holds what the question names (years, named terms).
	StageArticle
	// stageContext: the quoted subject is this article's and not only another's or a list's.
	StageContext
	// stageAnswer: the cut answer is of the kind asked (a list, a place, a deciding fact).
	StageAnswer
	// stageAttempt: the engine's thresholds over the whole attempt (evidence, a follow-up's words).
	StageAttempt
)

// CheckInput is what a check reads. x is nil at stageAttempt for picks made without sentence
// scoring (bylines, roles).
type CheckInput struct {
	X        *Extractor
	P        *Pick
	Window   string // folded quoted sentences
	Headline string // folded kicker, title and column
	Res      *Resolution
	MinEv    float64       // the evidence threshold (checkEvidence), 0 when the model decides
	Model    *logreg.Model // the fitted answer model (checkAnswerModel), nil when the threshold decides
}

// OnWindow adapts a check of the question and the window.
func OnWindow(f func(q intent.Intent, window, headline string) string) func(*CheckInput) string {
	return func(in *CheckInput) string { return f(in.X.Q, in.Window, in.Headline) }
}
