package extract

// authorForm: a person question about a work ("《…》的作者是谁") prefers the sentence naming
// its author (anchors.go).
var authorForm = questionForm{
	name:   "author",
	detect: func(q question) bool { return q.Type == qtPerson },
	factors: []scoreFactor{{name: "author", order: 190, fit: func(x *Extractor, _ *Candidate, s string) float64 {
		return when(x.authorOfAskedWork(s), authorFit)
	}}},
}

// authorFit favours, for a person question about a work, the sentence naming its author.
const authorFit = 1.3
