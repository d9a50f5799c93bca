package core

import (
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// Source questions. "水从哪里来", "原料来自哪里", "资金来源是什么" ask where something comes from,
// which news prose tells with a source verb ("水源取自青龙水库", "原料来自本地农户"), not with where
// the thing itself stands ("水厂位于城东新区").

// sourceVerbs introduce where something comes from, longest first.
var sourceVerbs = lexicon.Words("sourceVerbs")

// sourceFrame is "从…来" around a place question's question word (before, after) and the noun
// that asks a source outright (lexicon [sourceFrame]).
var sourceBefore, sourceAfter, sourceNoun = lexicon.Text("sourceFrame", "before"), lexicon.Text("sourceFrame", "after"),
	lexicon.Text("sourceFrame", "noun")

// SourceFit favours, for a source question, sentences with a source verb.
const SourceFit = 1.6

// AsksSource reports a question for where something comes from.
func AsksSource(q intent.Intent) bool {
	if q.QPos < 0 {
		return false
	}
	left := q.Before
	right := q.After
	if q.Type == intent.Place && strings.HasSuffix(left, sourceBefore) && strings.HasPrefix(right, sourceAfter) {
		return true
	}
	return strings.Contains(q.Norm, sourceNoun) || ContainsAnyOf(lastRunes(left, 3), sourceVerbs)
}

// SourceSpan is, in sr, the words after the first source verb up to the clause's end (rune
// offsets); ok is false when sr has no source verb.
func SourceSpan(sr []rune) (start, end int, ok bool) {
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
	end = clauseEnd(sr, start, false)
	if end <= start {
		return 0, 0, false
	}
	return start, end, true
}

// HasSourceVerb reports whether s holds a source verb.
func HasSourceVerb(s string) bool { return ContainsAnyOf(s, sourceVerbs) }
