package forms

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Why questions. "为什么要建第二水厂" is answered by the purpose or cause the text gives ("可有效解决
// …水压不足的问题", "为满足市民夜间阅读需求"), which a reason cue introduces, not by the sentence that
// merely names the thing ("第二水厂正式通水运行").

// reasonForm: "为什么…" is answered by the clause with a purpose or cause.
var reasonForm = questionForm{
	name:    "reason",
	detect:  asksWhy,
	factors: []core.ScoreFactor{{Name: "reason", Order: 130, Fit: fitReason}},
	clauses: []core.ClauseForm{{Name: "reason", Order: 50, Cut: cutReasonClause}},
}

// reasonCues introduce a purpose or a cause.
var reasonCues = lexicon.Words("reasonCues")

// reasonFit favours, for a why question, sentences giving a reason.
const reasonFit = 2

// whyQuestionWords ask why; whyCues ask for a cause or purpose in other words (什么原因, 目的是).
var (
	whyQuestionWords = lexicon.Set("whyQuestionWords")
	whyCues          = lexicon.Words("whyCues")
)

// asksWhy reports a question for a reason or a purpose.
func asksWhy(q intent.Intent) bool {
	return whyQuestionWords[q.QWord] || core.ContainsAnyOf(q.Norm, whyCues)
}

// fitReason: "为什么要建第二水厂" by "…可有效解决…水压不足的问题".
func fitReason(x *core.Extractor, _ *core.Candidate, s string) float64 {
	return core.Either(core.ContainsAnyOf(s, reasonCues), reasonFit)
}

// cutReasonClause: "为什么…": the clause giving the reason, with the sentence's subject.
func cutReasonClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	if rs, re, found := reasonClause(c.Sr); found {
		return x.WithSubject(c, rs, core.BalanceQuotes(string(c.Shown[rs:re]))), "", true
	}
	return "", "", false
}

// reasonClause is the comma clause of sr holding the first reason cue, as rune offsets; with
// the clause after it when the cue ends its own clause.
func reasonClause(sr []rune) (int, int, bool) {
	from, start, end, ok := core.CueClause(sr, reasonCues)
	if !ok {
		return 0, 0, false
	}
	if end-from <= 4 && end < len(sr) {
		end = core.ClauseEnd(sr, end+1, false)
	}
	start, end = core.TrimSpan(sr, start, end)
	return start, end, end > start
}
