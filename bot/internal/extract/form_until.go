package extract

// untilForm: "展到什么时候" is answered by the date after 至/到, "几点关门" by the end of a clock
// range (wanted.go).
var untilForm = questionForm{
	name:   "until and clock",
	detect: asksUntil,
	factors: []scoreFactor{{name: "until", order: 40, fit: func(_ *Extractor, _ *Candidate, s string) float64 {
		return when(untilDateRe.MatchString(s), untilFit)
	}}},
	spans: []spanForm{{name: "until", order: 40, find: findUntil}},
}

// findUntil: "展到什么时候": the date after 至/到.
func findUntil(x *Extractor, c *cutting) {
	if us, ue, found := untilSpan(c.sr, asksClock(x.Q)); found {
		c.start, c.end, c.ok = us, ue, true
	}
}
