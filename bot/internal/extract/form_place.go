package extract

// placeForm: where an event takes place ("在哪里举办") by its 在X phrase; where a thing is by a
// place; where a thing comes from only by an origin (wanted.go, aspect.go, clauses.go).
var placeForm = questionForm{
	name:    "place",
	factors: []scoreFactor{{name: "event place", order: 120, fit: fitEventPlace}},
	spans:   []spanForm{{name: "event place", order: 20, find: findEventPlace}},
	checks: []Check{
		{Name: "where it is", Stage: StageWindow, order: 90, Refuse: onWindow(CheckWhereItIs)},
		{Name: "origin", Stage: StageWindow, order: 120, Refuse: onWindow(checkOrigin)},
		{Name: "no place", Stage: stageAnswer, order: 430, Refuse: checkPlaceAnswer},
	},
}

// fitEventPlace: "开幕式在哪里举行" by "…运动会在县体育中心开幕", not "开幕式上,…".
func fitEventPlace(x *Extractor, _ *Candidate, s string) float64 {
	if !x.asksEventPlace() {
		return 1
	}
	return either(x.placesEvent(s), eventPlaceFit)
}

// findEventPlace: "在哪里听取了…介绍": the "在X" phrase before the act, or opening the sentence.
func findEventPlace(x *Extractor, c *cutting) {
	if !x.asksEventPlace() {
		return
	}
	if ps, pe, found := x.eventPlaceSpan(c.sr); found {
		c.start, c.end, c.ok = ps, pe, true
	}
}

// checkPlaceAnswer: "X在哪里" is answered by a place.
func checkPlaceAnswer(in *CheckInput) string {
	p := in.P
	if asksWhereItIs(in.x.Q) && p.Span != "" && !placeLike(AsciiLower(fold(p.Span)), p.Cand.Folded[p.Sent]) {
		return "the span " + p.Span + " is no place"
	}
	return ""
}

// eventPlaceFit favours, for a question where an event takes place, a sentence telling the event
// at a place ("在县体育中心开幕").
const eventPlaceFit = 1.6
