package extract

// pairForm: "签约的是谁和谁" is answered by the clause naming both parties before the act
// (pairs.go).
var pairForm = questionForm{
	name:    "pair",
	detect:  asksPair,
	factors: []scoreFactor{{name: "pair", order: 160, fit: fitPair}},
	clauses: []clauseForm{{name: "pair", order: 10, cut: cutPairClause}},
}

// fitPair: "签约的是谁和谁" by "武进区政府与…政府正式签署…".
func fitPair(x *Extractor, _ *Candidate, s string) float64 {
	_, _, ok := x.pairClause([]rune(s))
	return either(ok, pairFit)
}

// cutPairClause: "什么车": the noun phrase ending in 车 answers, wherever the question's other
// words stand, unless the question's words right around 什么 are found around another span
// ("北部山区可能出现什么天气" → "北部山区可能出现霜冻", not "大风天气").
func cutPairClause(x *Extractor, c *cutting) (string, string, bool) {
	ps, pe, found := x.pairClause(c.sr)
	if !found {
		return "", "", false
	}
	return c.shownClause(ps, pe), "", true
}

// pairFit favours, for a pair question, sentences naming two parties before the act.
const pairFit = 1.5
