package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Source questions. "水从哪里来", "原料来自哪里", "资金来源是什么" ask where something comes from,
// which news prose tells with a source verb ("水源取自青龙水库", "原料来自本地农户"), not with where
// the thing itself stands ("水厂位于城东新区").

// sourceForm: "水从哪里来" is answered by the words after 取自/来自.
var sourceForm = questionForm{
	name:    "source",
	detect:  asksSource,
	factors: []core.ScoreFactor{{Name: "source", Order: 150, Fit: fitSource}},
	clauses: []core.ClauseForm{{Name: "source", Order: 70, Cut: cutSourceClause}},
}

// sourceVerbs introduce where something comes from, longest first.
var sourceVerbs = lexicon.Words("sourceVerbs")

// sourceFrame is "从…来" around a place question's question word (before, after) and the noun
// that asks a source outright (lexicon [sourceFrame]).
var sourceBefore, sourceAfter, sourceNoun = lexicon.Text("sourceFrame", "before"), lexicon.Text("sourceFrame", "after"),
	lexicon.Text("sourceFrame", "noun")

// sourceFit favours, for a source question, sentences with a source verb.
const sourceFit = 1.6

// asksSource reports a question for where something comes from.
func asksSource(q intent.Intent) bool {
	if q.QPos < 0 {
		return false
	}
	left := q.Before
	right := q.After
	if q.Type == intent.Place && strings.HasSuffix(left, sourceBefore) && strings.HasPrefix(right, sourceAfter) {
		return true
	}
	return strings.Contains(q.Norm, sourceNoun) || core.ContainsAnyOf(core.LastRunes(left, 3), sourceVerbs)
}

// fitSource: "水从哪里来" by "水源取自青龙水库", not "水厂位于城东新区".
func fitSource(x *core.Extractor, _ *core.Candidate, s string) float64 {
	return core.Either(core.ContainsAnyOf(s, sourceVerbs), sourceFit)
}

// cutSourceClause: "水来自哪里": the clause of the source verb, the source as the span.
func cutSourceClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	ss, se, found := sourceSpan(c.Sr)
	if !found {
		return "", "", false
	}
	us := core.ClauseStart(c.Sr, ss, false)
	us, ue := core.TrimSpan(c.Sr, us, se)
	unit := x.WithSubject(c, us, core.BalanceQuotes(string(c.Shown[us:ue])))
	return unit, core.TrimPunct(string(c.Shown[ss:se])), true
}

// sourceSpan is, in sr, the words after the first source verb up to the clause's end (rune
// offsets); ok is false when sr has no source verb.
func sourceSpan(sr []rune) (start, end int, ok bool) {
	s := string(sr)
	at := -1
	verb := ""
	for _, v := range sourceVerbs {
		if i := strings.Index(s, v); i >= 0 && (at < 0 || i < at) {
			at, verb = i, v
		}
	}
	if at < 0 {
		return 0, 0, false
	}
	start = intent.RuneLen(s[:at]) + intent.RuneLen(verb)
	end = core.ClauseEnd(sr, start, false)
	if end <= start {
		return 0, 0, false
	}
	return start, end, true
}
