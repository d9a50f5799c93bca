package forms

import "newsbot/bot/internal/core"

// reasonForm: "为什么…" is answered by the clause with a purpose or cause (reasons.go).
var reasonForm = questionForm{
	name:    "reason",
	detect:  core.AsksWhy,
	factors: []core.ScoreFactor{{Name: "reason", Order: 130, Fit: fitReason}},
	clauses: []core.ClauseForm{{Name: "reason", Order: 50, Cut: cutReasonClause}},
}

// fitReason: "为什么要建第二水厂" by "…可有效解决…水压不足的问题".
func fitReason(x *core.Extractor, _ *core.Candidate, s string) float64 {
	return core.Either(core.ContainsAnyOf(s, core.ReasonCues), core.ReasonFit)
}

// cutReasonClause: "为什么…": the clause giving the reason, with the sentence's subject.
func cutReasonClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	if rs, re, found := core.ReasonClause(c.Sr); found {
		return x.WithSubject(c, rs, core.BalanceQuotes(string(c.Shown[rs:re]))), "", true
	}
	return "", "", false
}
