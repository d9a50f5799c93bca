package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// authorForm: a person question about a work ("《…》的作者是谁") prefers the sentence naming
// its author (anchors.go).
var authorForm = questionForm{
	name:   "author",
	detect: func(q intent.Intent) bool { return q.Type == intent.Person },
	factors: []core.ScoreFactor{{Name: "author", Order: 190, Fit: func(x *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(x.AuthorOfAskedWork(s), authorFit)
	}}},
}

// authorFit favours, for a person question about a work, the sentence naming its author.
const authorFit = 1.3
