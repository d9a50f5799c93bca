package forms

import "newsbot/bot/internal/core"

// untilForm: "展到什么时候" is answered by the date after 至/到, "几点关门" by the end of a clock
// range (wanted.go).
var untilForm = questionForm{
	name:   "until and clock",
	detect: core.AsksUntil,
	factors: []core.ScoreFactor{{Name: "until", Order: 40, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(core.UntilDateRe.MatchString(s), core.UntilFit)
	}}},
	spans: []core.SpanForm{{Name: "until", Order: 40, Find: findUntil}},
}

// findUntil: "展到什么时候": the date after 至/到.
func findUntil(x *core.Extractor, c *core.Cutting) {
	if us, ue, found := core.UntilSpan(c.Sr, core.AsksClock(x.Q)); found {
		c.Start, c.End, c.Ok = us, ue, true
	}
}
