package extract

// reasonForm: "为什么…" is answered by the clause with a purpose or cause (reasons.go).
var reasonForm = questionForm{
	name:    "reason",
	detect:  asksWhy,
	factors: []scoreFactor{{name: "reason", order: 130, fit: fitReason}},
	clauses: []clauseForm{{name: "reason", order: 50, cut: cutReasonClause}},
}

// fitReason: "为什么要建第二水厂" by "…可有效解决…水压不足的问题".
func fitReason(x *Extractor, _ *Candidate, s string) float64 {
	return either(ContainsAnyOf(s, reasonCues), reasonFit)
}

// cutReasonClause: "为什么…": the clause giving the reason, with the sentence's subject.
func cutReasonClause(x *Extractor, c *cutting) (string, string, bool) {
	if rs, re, found := reasonClause(c.sr); found {
		return x.withSubject(c, rs, balanceQuotes(string(c.shown[rs:re]))), "", true
	}
	return "", "", false
}
