package forms

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
)

// frequencyForm: "多久一班" is answered by a rate ("每15分钟一班").
var frequencyForm = questionForm{
	name:   "frequency",
	detect: core.AsksFrequency,
	factors: []core.ScoreFactor{{Name: "frequency", Order: 140, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(core.FrequencyRe.MatchString(s), frequencyFit)
	}}},
	spans: []core.SpanForm{{Name: "frequency", Order: 80, Find: findFrequency}},
}

// findFrequency: "多久一班" by "每15分钟一班".
func findFrequency(x *core.Extractor, c *core.Cutting) {
	if fs, fe, found := frequencySpan(c.Sr); found {
		c.Start, c.End, c.Ok = fs, fe, true
	}
}

// frequencyFit favours, for a frequency question, sentences holding a rate.
const frequencyFit = 1.5

// frequencySpan is the first rate in sr (rune offsets).
func frequencySpan(sr []rune) (int, int, bool) {
	s := string(sr)
	loc := core.FrequencyRe.FindStringIndex(s)
	if loc == nil {
		return 0, 0, false
	}
	return intent.RuneLen(s[:loc[0]]), intent.RuneLen(s[:loc[1]]), true
}
