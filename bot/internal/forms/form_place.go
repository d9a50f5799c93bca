package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// placeForm: where an event takes place ("在哪里举办") by its 在X phrase; where a thing is by a
// place; where a thing comes from only by an origin (wanted.go, aspect.go, clauses.go).
var placeForm = questionForm{
	name:    "place",
	factors: []core.ScoreFactor{{Name: "event place", Order: 120, Fit: fitEventPlace}},
	spans:   []core.SpanForm{{Name: "event place", Order: 20, Find: findEventPlace}},
	checks: []core.Check{
		{Name: "where it is", Stage: core.StageWindow, Order: 90, Refuse: core.OnWindow(core.CheckWhereItIs)},
		{Name: "origin", Stage: core.StageWindow, Order: 120, Refuse: core.OnWindow(core.CheckOrigin)},
		{Name: "no place", Stage: core.StageAnswer, Order: 430, Refuse: checkPlaceAnswer},
	},
}

// fitEventPlace: "开幕式在哪里举行" by "…运动会在县体育中心开幕", not "开幕式上,…".
func fitEventPlace(x *core.Extractor, _ *core.Candidate, s string) float64 {
	if !x.AsksEventPlace() {
		return 1
	}
	return core.Either(x.PlacesEvent(s), eventPlaceFit)
}

// findEventPlace: "在哪里听取了…介绍": the "在X" phrase before the act, or opening the sentence.
func findEventPlace(x *core.Extractor, c *core.Cutting) {
	if !x.AsksEventPlace() {
		return
	}
	if ps, pe, found := x.EventPlaceSpan(c.Sr); found {
		c.Start, c.End, c.Ok = ps, pe, true
	}
}

// checkPlaceAnswer: "X在哪里" is answered by a place.
func checkPlaceAnswer(in *core.CheckInput) string {
	p := in.P
	if core.AsksWhereItIs(in.X.Q) && p.Span != "" && !core.PlaceLike(core.AsciiLower(intent.Fold(p.Span)), p.Cand.Folded[p.Sent]) {
		return "the span " + p.Span + " is no place"
	}
	return ""
}

// eventPlaceFit favours, for a question where an event takes place, a sentence telling the event
// at a place ("在县体育中心开幕").
const eventPlaceFit = 1.6
