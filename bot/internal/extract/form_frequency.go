package extract

// frequencyForm: "多久一班" is answered by a rate ("每15分钟一班", frequency.go).
var frequencyForm = questionForm{
	name:   "frequency",
	detect: asksFrequency,
	factors: []scoreFactor{{name: "frequency", order: 140, fit: func(_ *Extractor, _ *Candidate, s string) float64 {
		return when(frequencyRe.MatchString(s), frequencyFit)
	}}},
	spans: []spanForm{{name: "frequency", order: 80, find: findFrequency}},
}

// findFrequency: "多久一班" by "每15分钟一班".
func findFrequency(x *Extractor, c *cutting) {
	if fs, fe, found := frequencySpan(c.sr); found {
		c.start, c.end, c.ok = fs, fe, true
	}
}
