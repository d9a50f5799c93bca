package extract

// sourceForm: "水从哪里来" is answered by the words after 取自/来自 (source.go).
var sourceForm = questionForm{
	name:    "source",
	detect:  asksSource,
	factors: []scoreFactor{{name: "source", order: 150, fit: fitSource}},
	clauses: []clauseForm{{name: "source", order: 70, cut: cutSourceClause}},
}

// fitSource: "水从哪里来" by "水源取自青龙水库", not "水厂位于城东新区".
func fitSource(x *Extractor, _ *Candidate, s string) float64 {
	return either(hasSourceVerb(s), sourceFit)
}

// cutSourceClause: "水来自哪里": the clause of the source verb, the source as the span.
func cutSourceClause(x *Extractor, c *cutting) (string, string, bool) {
	ss, se, found := sourceSpan(c.sr)
	if !found {
		return "", "", false
	}
	us := clauseStart(c.sr, ss, false)
	us, ue := trimSpan(c.sr, us, se)
	unit := x.withSubject(c, us, balanceQuotes(string(c.shown[us:ue])))
	return unit, TrimPunct(string(c.shown[ss:se])), true
}
