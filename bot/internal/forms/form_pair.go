package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// pairForm: "签约的是谁和谁" is answered by the clause naming both parties before the act
// (detection: core/pairs.go, which checks also ask).
var pairForm = questionForm{
	name:    "pair",
	detect:  core.AsksPair,
	factors: []core.ScoreFactor{{Name: "pair", Order: 160, Fit: fitPair}},
	clauses: []core.ClauseForm{{Name: "pair", Order: 10, Cut: cutPairClause}},
}

// fitPair: "签约的是谁和谁" by "武进区政府与…政府正式签署…".
func fitPair(x *core.Extractor, _ *core.Candidate, s string) float64 {
	_, _, ok := pairClause(x, []rune(s))
	return core.Either(ok, pairFit)
}

// cutPairClause: "什么车": the noun phrase ending in 车 answers, wherever the question's other
// words stand, unless the question's words right around 什么 are found around another span
// ("北部山区可能出现什么天气" → "北部山区可能出现霜冻", not "大风天气").
func cutPairClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	ps, pe, found := pairClause(x, c.Sr)
	if !found {
		return "", "", false
	}
	return c.ShownClause(ps, pe), "", true
}

// pairFit favours, for a pair question, sentences naming two parties before the act.
const pairFit = 1.5

// pairClause is the comma clause of sr in which two parties joined by 与/和 stand before a word of
// the question (the act: 签约, or its paraphrase 签署); ok is false when there is none.
func pairClause(x *core.Extractor, sr []rune) (start, end int, ok bool) {
	from := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !core.IsClauseBreak(sr[i]) {
			continue
		}
		if i > from && actAfterLink(x, string(sr[from:i])) {
			return from, i, true
		}
		from = i + 1
	}
	return 0, 0, false
}

// pairLinks join the two parties in the text.
var pairLinks = lexicon.String("pairLinks")

// actAfterLink reports a clause where a question term follows a linking 与/和 with at least two
// characters on either side of the link.
func actAfterLink(x *core.Extractor, clause string) bool {
	for _, t := range x.Q.Terms {
		if intent.RuneLen(t.Text) < 2 {
			continue
		}
		at := termIndex(t, clause)
		if at < 0 {
			continue
		}
		before := []rune(clause[:at])
		for k := 2; k+2 < len(before); k++ {
			if strings.ContainsRune(pairLinks, before[k]) {
				return true
			}
		}
	}
	return false
}

// termIndex is the byte offset of t (or one of its paraphrases) in s, -1 when absent.
func termIndex(t intent.Term, s string) int {
	if i := strings.Index(s, t.Text); i >= 0 {
		return i
	}
	for _, a := range t.Alts {
		if i := strings.Index(s, a); i >= 0 {
			return i
		}
	}
	return -1
}
