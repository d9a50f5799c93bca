package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Cutting the answer. cut reads the answering sentence in three steps, each a list of question
// forms tried in order:
//  1. clauseForms: a form that answers with a whole clause of its own (a pair, a reason, a
//     source…) returns it at once;
//  2. spanForms: each form that applies may isolate the short answer span, a later one
//     overriding an earlier one (the unit asked beats the aligned words);
//  3. the span is widened to its comma clause (or, without a span, the clause that best matches
//     is taken), with the sentence's subject when the clause lacks it.

// Answer units: a part of a sentence between semicolons reads as a whole statement when it is
// short; a long one is cut to the comma clauses around the answer.
const (
	maxPartRunes     = 56
	MaxListPartRunes = 110
)

// Cutting is one sentence being cut: its runes folded (sr) and as written (shown), and the span
// found so far.
type Cutting struct {
	S          string
	Sr, Shown  []rune
	Start, End int
	Ok         bool // a span is isolated
	Counted    bool // the span is a count or a price that the unit search must not replace
	Matched    int  // how many question words the alignment matched
}

// ClauseForm answers with a whole clause when the question has its form.
type ClauseForm struct {
	Name  string
	Order int // its place in clauseForms
	Cut   func(x *Extractor, c *Cutting) (unit, span string, ok bool)
}

// SpanForm may isolate the answer span; a later form overrides an earlier one.
type SpanForm struct {
	Name  string
	Order int // its place in spanForms
	Find  func(x *Extractor, c *Cutting)
}

// ShownClause is the clause sr[us:ue] as written, trimmed and with balanced quotes.
func (c *Cutting) ShownClause(us, ue int) string {
	us, ue = TrimSpan(c.Sr, us, ue)
	return BalanceQuotes(string(c.Shown[us:ue]))
}

// Clause answers with the clause sr[a:b] as written, when found.
func (c *Cutting) Clause(a, b int, found bool) (string, string, bool) {
	if !found {
		return "", "", false
	}
	return BalanceQuotes(string(c.Shown[a:b])), "", true
}

// WithSubject prefixes the sentence's subject to a clause that does not open the sentence.
func (x *Extractor) WithSubject(c *Cutting, us int, unit string) string {
	if us > 0 {
		return x.subjectFor(c.Sr, c.Shown, unit) + unit
	}
	return unit
}

// ClauseWithoutSpan picks the clause that best matches when no span was isolated; a person
// question then answers at once with the clause naming someone, titled names before it.
func (x *Extractor) ClauseWithoutSpan(c *Cutting) (string, bool) {
	c.Start, c.End = x.bestClause(c.Sr)
	if x.Q.Type == intent.YesNo {
		c.Start, c.End = x.aspectClause(c.Sr) // "达茂旗是否有口岸": the clause about 口岸
	}
	switch x.Q.Type {
	case intent.Person:
		if ts, te, found := x.bestTypedClause(c.Sr); found {
			c.Start, c.End = ts, te
		}
		us, ue := ClauseStart(c.Sr, c.Start, false), ClauseEnd(c.Sr, c.End, false)
		us = reachPerson(c.Sr, x.extendPeople(c.Sr, us), ue)
		us, ue = TrimSpan(c.Sr, us, ue)
		return x.WithSubject(c, us, BalanceQuotes(string(c.Shown[us:ue]))), true
	case intent.Other:
		// Keywords ("东延段 换乘"): every clause that holds one, when they lie close together.
		if ks, ke := x.TermClauses(c.Sr); ke-ks <= maxPartRunes {
			c.Start, c.End = ks, ke
		} else {
			c.Start, c.End = x.aspectClause(c.Sr) // "东延段 换乘": the clause about 换乘
		}
	}
	return "", false
}

// withinWords open a clause that is inside the sentence's subject ("境内有…") (lexicon
// [withinWords]).
var withinWords = lexicon.Words("withinWords")

// Widen grows the span (or chosen clause) to the clause that reads as an answer, with the
// sentence's subject when it does not open the sentence.
func (x *Extractor) Widen(c *Cutting) string {
	sr := c.Sr
	var us, ue int
	if c.Ok && x.Q.Type != intent.List && x.Q.Type != intent.How {
		// An isolated answer reads best in its own comma clause: "总人口11.4万人".
		us, ue = ClauseStart(sr, c.Start, false), ClauseEnd(sr, c.End, false)
		if x.Q.Type == intent.Person {
			us = reachPerson(sr, x.extendPeople(sr, us), ue)
		}
	} else {
		limit := maxPartRunes
		if x.Q.Type == intent.List || x.Q.Type == intent.How || x.Q.Type == intent.Person {
			limit = MaxListPartRunes
		}
		us, ue = ClauseStart(sr, c.Start, true), ClauseEnd(sr, c.End, true)
		if ue-us > limit || x.Q.Type == intent.YesNo {
			us, ue = ClauseStart(sr, c.Start, false), ClauseEnd(sr, c.End, false)
		}
	}
	us, ue = TrimSpan(sr, us, ue)
	if x.Q.Type == intent.List {
		// The list's own clause: "零碳园区有哪几条产业链" by "已培育形成氟材料、…五大产业链", not the
		// clause naming the park.
		if ls, le, found := x.ListClause(sr); found {
			us, ue = ls, le
		}
	}
	unit := BalanceQuotes(string(c.Shown[us:ue]))
	if us > 0 {
		unit = x.subjectFor(sr, c.Shown, unit) + unit
		unit = x.resolveAmong(sr, c.Shown, us, unit)
	}
	if AsksWhereItIs(x.Q) && HasAnyPrefix(unit, withinWords...) {
		// "满都拉口岸在哪里": "境内有…满都拉口岸" is inside the sentence's subject ("达茂旗是…").
		if n := openingSubject(sr); n > 0 {
			unit = string(c.Shown[:n]) + unit
		}
	}
	return unit
}
