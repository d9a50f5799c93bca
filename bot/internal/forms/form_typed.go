package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// typedForm: a question typed by its question word (a number for 多少, a person for 谁, a date
// for 何时…) is answered by a thing of that type (entities.go, clauses.go).
var typedForm = questionForm{
	name:    "typed answer",
	factors: []core.ScoreFactor{{Name: "typed", Order: 10, Fit: fitTyped}},
	spans:   []core.SpanForm{{Name: "typed near the terms", Order: 30, Find: findTypedNear}},
	checks:  []core.Check{{Name: "typed answer", Stage: core.StageWindow, Order: 30, Refuse: core.OnWindow(core.CheckTypedAnswer)}},
}

// fitTyped: a sentence holding the kind of thing asked for.
func fitTyped(x *core.Extractor, _ *core.Candidate, s string) float64 {
	switch {
	case x.TypedFor(s):
		return 1
	case x.Q.Type == intent.Person && core.AsksWinner(x.Q) && core.OrgRe.MatchString(s):
		return core.TeamWinnerFit
	}
	return core.UntypedFit
}

// findTypedNear: without a span, the thing of the asked type nearest the question's words; and
// "采摘节在哪里举办" aligned on "届时将举办…" is answered by the place named near the question's
// words ("…将于9月28日在双河镇开幕").
func findTypedNear(x *core.Extractor, c *core.Cutting) {
	if c.Ok && x.Q.Type == intent.Place && !core.PlaceLike(string(c.Sr[c.Start:c.End]), c.S) {
		if ps, pe, found := x.TypedNearTerms(c.Sr); found {
			c.Start, c.End = ps, pe
		}
	}
	if !c.Ok {
		c.Start, c.End, c.Ok = x.TypedNearTerms(c.Sr)
	}
}
