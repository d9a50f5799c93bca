package forms

import "newsbot/bot/internal/core"

// pairForm: "签约的是谁和谁" is answered by the clause naming both parties before the act
// (pairs.go).
var pairForm = questionForm{
	name:    "pair",
	detect:  core.AsksPair,
	factors: []core.ScoreFactor{{Name: "pair", Order: 160, Fit: fitPair}},
	clauses: []core.ClauseForm{{Name: "pair", Order: 10, Cut: cutPairClause}},
}

// fitPair: "签约的是谁和谁" by "武进区政府与…政府正式签署…".
func fitPair(x *core.Extractor, _ *core.Candidate, s string) float64 {
	_, _, ok := x.PairClause([]rune(s))
	return core.Either(ok, pairFit)
}

// cutPairClause: "什么车": the noun phrase ending in 车 answers, wherever the question's other
// words stand, unless the question's words right around 什么 are found around another span
// ("北部山区可能出现什么天气" → "北部山区可能出现霜冻", not "大风天气").
func cutPairClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	ps, pe, found := x.PairClause(c.Sr)
	if !found {
		return "", "", false
	}
	return c.ShownClause(ps, pe), "", true
}

// pairFit favours, for a pair question, sentences naming two parties before the act.
const pairFit = 1.5
