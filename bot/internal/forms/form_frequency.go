package forms

import "newsbot/bot/internal/core"

// frequencyForm: "多久一班" is answered by a rate ("每15分钟一班", frequency.go).
var frequencyForm = questionForm{
	name:   "frequency",
	detect: core.AsksFrequency,
	factors: []core.ScoreFactor{{Name: "frequency", Order: 140, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(core.FrequencyRe.MatchString(s), core.FrequencyFit)
	}}},
	spans: []core.SpanForm{{Name: "frequency", Order: 80, Find: findFrequency}},
}

// findFrequency: "多久一班" by "每15分钟一班".
func findFrequency(x *core.Extractor, c *core.Cutting) {
	if fs, fe, found := core.FrequencySpan(c.Sr); found {
		c.Start, c.End, c.Ok = fs, fe, true
	}
}
