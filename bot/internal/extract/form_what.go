package extract

import "strings"

// whatForm: "什么车", "哪个镇" want a noun phrase ending in the asked head noun (wanted.go), the
// noun asked and not another entity of its kind.
var whatForm = questionForm{
	name: "what X",
	factors: []scoreFactor{{name: "head noun", order: 20, fit: func(x *Extractor, _ *Candidate, s string) float64 {
		return headFit(x.Q, s)
	}}},
	spans: []spanForm{{name: "head noun", order: 10, find: findHeadNoun}},
	checks: []Check{
		{Name: "noun", Stage: StageWindow, order: 50, Refuse: onWindow(checkNoun)},
		{Name: "other entity", Stage: StageWindow, order: 80, Refuse: onWindow(CheckOtherEntity)},
	},
}

// findHeadNoun: a head-noun phrase ("什么车" → "…客车") answers when nothing aligned surely, and
// narrows an aligned span of several clauses that holds it.
func findHeadNoun(x *Extractor, c *cutting) {
	hs, he, found := x.headNounSpan(c.sr)
	if found && (!c.ok || c.matched < surelyAligned ||
		hs >= c.start && he <= c.end && strings.ContainsFunc(string(c.sr[c.start:c.end]), isClauseBreak)) {
		c.start, c.end, c.ok = hs, he, true
	}
}
