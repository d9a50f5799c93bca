package extract

// typedForm: a question typed by its question word (a number for 多少, a person for 谁, a date
// for 何时…) is answered by a thing of that type (entities.go, clauses.go).
var typedForm = questionForm{
	name:    "typed answer",
	factors: []scoreFactor{{name: "typed", order: 10, fit: fitTyped}},
	spans:   []spanForm{{name: "typed near the terms", order: 30, find: findTypedNear}},
	checks:  []Check{{Name: "typed answer", Stage: StageWindow, order: 30, Refuse: onWindow(checkTypedAnswer)}},
}

// fitTyped: a sentence holding the kind of thing asked for.
func fitTyped(x *Extractor, _ *Candidate, s string) float64 {
	switch {
	case x.typedFor(s):
		return 1
	case x.Q.Type == qtPerson && asksWinner(x.Q) && orgRe.MatchString(s):
		return teamWinnerFit
	}
	return untypedFit
}

// findTypedNear: without a span, the thing of the asked type nearest the question's words; and
// "采摘节在哪里举办" aligned on "届时将举办…" is answered by the place named near the question's
// words ("…将于9月28日在双河镇开幕").
func findTypedNear(x *Extractor, c *cutting) {
	if c.ok && x.Q.Type == qtPlace && !placeLike(string(c.sr[c.start:c.end]), c.s) {
		if ps, pe, found := x.typedNearTerms(c.sr); found {
			c.start, c.end = ps, pe
		}
	}
	if !c.ok {
		c.start, c.end, c.ok = x.typedNearTerms(c.sr)
	}
}
