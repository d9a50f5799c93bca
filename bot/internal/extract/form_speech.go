package extract

// speechForm: "对企业提出了什么要求" prefers sentences reporting speech (speech.go).
var speechForm = questionForm{
	name:   "speech",
	detect: asksWhatWasSaid,
	factors: []scoreFactor{{name: "speech", order: 170, fit: func(_ *Extractor, _ *Candidate, s string) float64 {
		return when(speechStart([]rune(s)) >= 0, speechFit)
	}}},
}
