package forms

import "newsbot/bot/internal/core"

// speechForm: "对企业提出了什么要求" prefers sentences reporting speech (speech.go).
var speechForm = questionForm{
	name:   "speech",
	detect: core.AsksWhatWasSaid,
	factors: []core.ScoreFactor{{Name: "speech", Order: 170, Fit: func(_ *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(core.SpeechStart([]rune(s)) >= 0, core.SpeechFit)
	}}},
}
