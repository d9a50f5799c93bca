package forms

import (
	"newsbot/bot/internal/core"
	"strings"
)

// whatForm: "什么车", "哪个镇" want a noun phrase ending in the asked head noun (wanted.go), the
// noun asked and not another entity of its kind.
var whatForm = questionForm{
	name: "what X",
	factors: []core.ScoreFactor{{Name: "head noun", Order: 20, Fit: func(x *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.HeadFit(x.Q, s)
	}}},
	spans: []core.SpanForm{{Name: "head noun", Order: 10, Find: findHeadNoun}},
	checks: []core.Check{
		{Name: "noun", Stage: core.StageWindow, Order: 50, Refuse: core.OnWindow(core.CheckNoun)},
		{Name: "other entity", Stage: core.StageWindow, Order: 80, Refuse: core.OnWindow(core.CheckOtherEntity)},
	},
}

// findHeadNoun: a head-noun phrase ("什么车" → "…客车") answers when nothing aligned surely, and
// narrows an aligned span of several clauses that holds it.
func findHeadNoun(x *core.Extractor, c *core.Cutting) {
	hs, he, found := x.HeadNounSpan(c.Sr)
	if found && (!c.Ok || c.Matched < core.SurelyAligned ||
		hs >= c.Start && he <= c.End && strings.ContainsFunc(string(c.Sr[c.Start:c.End]), core.IsClauseBreak)) {
		c.Start, c.End, c.Ok = hs, he, true
	}
}
