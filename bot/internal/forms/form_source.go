package forms

import "newsbot/bot/internal/core"

// sourceForm: "水从哪里来" is answered by the words after 取自/来自 (source.go).
var sourceForm = questionForm{
	name:    "source",
	detect:  core.AsksSource,
	factors: []core.ScoreFactor{{Name: "source", Order: 150, Fit: fitSource}},
	clauses: []core.ClauseForm{{Name: "source", Order: 70, Cut: cutSourceClause}},
}

// fitSource: "水从哪里来" by "水源取自青龙水库", not "水厂位于城东新区".
func fitSource(x *core.Extractor, _ *core.Candidate, s string) float64 {
	return core.Either(core.HasSourceVerb(s), core.SourceFit)
}

// cutSourceClause: "水来自哪里": the clause of the source verb, the source as the span.
func cutSourceClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	ss, se, found := core.SourceSpan(c.Sr)
	if !found {
		return "", "", false
	}
	us := core.ClauseStart(c.Sr, ss, false)
	us, ue := core.TrimSpan(c.Sr, us, se)
	unit := x.WithSubject(c, us, core.BalanceQuotes(string(c.Shown[us:ue])))
	return unit, core.TrimPunct(string(c.Shown[ss:se])), true
}
