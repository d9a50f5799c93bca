package extract

import (
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
	maxListPartRunes = 110
)

// cutting is one sentence being cut: its runes folded (sr) and as written (shown), and the span
// found so far.
type cutting struct {
	s          string
	sr, shown  []rune
	start, end int
	ok         bool // a span is isolated
	counted    bool // the span is a count or a price that the unit search must not replace
	matched    int  // how many question words the alignment matched
}

// clauseForm answers with a whole clause when the question has its form.
type clauseForm struct {
	name  string
	order int // its place in clauseForms
	cut   func(x *Extractor, c *cutting) (unit, span string, ok bool)
}

// spanForm may isolate the answer span; a later form overrides an earlier one.
type spanForm struct {
	name  string
	order int // its place in spanForms
	find  func(x *Extractor, c *cutting)
}

// cut returns the concise answer clause and the isolated span (both folded) from sentence s.
func (x *Extractor) cut(s, shown string) (unit, spanText string) {
	c := &cutting{s: s, sr: []rune(s), shown: []rune(shown)}
	if len(c.shown) != len(c.sr) {
		c.shown = c.sr
	}
	for _, f := range clauseForms {
		if unit, span, ok := f.cut(x, c); ok {
			return unit, span
		}
	}
	c.start, c.end, c.ok, c.matched = alignSpanContext(x.Q, s)
	if x.Q.Type == qtYesNo {
		c.ok = false // nothing stands where 是否 stands: the deciding fact is found by its words
	}
	for _, f := range spanForms {
		f.find(x, c)
	}
	if c.ok {
		spanText = string(c.shown[c.start:c.end])
	} else if unit, done := x.clauseWithoutSpan(c); done {
		return unit, ""
	}
	return x.widen(c), TrimPunct(spanText)
}

// shownClause is the clause sr[us:ue] as written, trimmed and with balanced quotes.
func (c *cutting) shownClause(us, ue int) string {
	us, ue = trimSpan(c.sr, us, ue)
	return balanceQuotes(string(c.shown[us:ue]))
}

// clause answers with the clause sr[a:b] as written, when found.
func (c *cutting) clause(a, b int, found bool) (string, string, bool) {
	if !found {
		return "", "", false
	}
	return balanceQuotes(string(c.shown[a:b])), "", true
}

// withSubject prefixes the sentence's subject to a clause that does not open the sentence.
func (x *Extractor) withSubject(c *cutting, us int, unit string) string {
	if us > 0 {
		return x.subjectFor(c.sr, c.shown, unit) + unit
	}
	return unit
}

// clauseWithoutSpan picks the clause that best matches when no span was isolated; a person
// question then answers at once with the clause naming someone, titled names before it.
func (x *Extractor) clauseWithoutSpan(c *cutting) (string, bool) {
	c.start, c.end = x.bestClause(c.sr)
	if x.Q.Type == qtYesNo {
		c.start, c.end = x.aspectClause(c.sr) // "达茂旗是否有口岸": the clause about 口岸
	}
	switch x.Q.Type {
	case qtPerson:
		if ts, te, found := x.bestTypedClause(c.sr); found {
			c.start, c.end = ts, te
		}
		us, ue := clauseStart(c.sr, c.start, false), clauseEnd(c.sr, c.end, false)
		us = reachPerson(c.sr, x.extendPeople(c.sr, us), ue)
		us, ue = trimSpan(c.sr, us, ue)
		return x.withSubject(c, us, balanceQuotes(string(c.shown[us:ue]))), true
	case qtOther:
		// Keywords ("东延段 换乘"): every clause that holds one, when they lie close together.
		if ks, ke := x.termClauses(c.sr); ke-ks <= maxPartRunes {
			c.start, c.end = ks, ke
		} else {
			c.start, c.end = x.aspectClause(c.sr) // "东延段 换乘": the clause about 换乘
		}
	}
	return "", false
}

// withinWords open a clause that is inside the sentence's subject ("境内有…") (lexicon
// [withinWords]).
var withinWords = lexicon.Words("withinWords")

// widen grows the span (or chosen clause) to the clause that reads as an answer, with the
// sentence's subject when it does not open the sentence.
func (x *Extractor) widen(c *cutting) string {
	sr := c.sr
	var us, ue int
	if c.ok && x.Q.Type != qtList && x.Q.Type != qtHow {
		// An isolated answer reads best in its own comma clause: "总人口11.4万人".
		us, ue = clauseStart(sr, c.start, false), clauseEnd(sr, c.end, false)
		if x.Q.Type == qtPerson {
			us = reachPerson(sr, x.extendPeople(sr, us), ue)
		}
	} else {
		limit := maxPartRunes
		if x.Q.Type == qtList || x.Q.Type == qtHow || x.Q.Type == qtPerson {
			limit = maxListPartRunes
		}
		us, ue = clauseStart(sr, c.start, true), clauseEnd(sr, c.end, true)
		if ue-us > limit || x.Q.Type == qtYesNo {
			us, ue = clauseStart(sr, c.start, false), clauseEnd(sr, c.end, false)
		}
	}
	us, ue = trimSpan(sr, us, ue)
	if x.Q.Type == qtList {
		// The list's own clause: "零碳园区有哪几条产业链" by "已培育形成氟材料、…五大产业链", not the
		// clause naming the park.
		if ls, le, found := x.listClause(sr); found {
			us, ue = ls, le
		}
	}
	unit := balanceQuotes(string(c.shown[us:ue]))
	if us > 0 {
		unit = x.subjectFor(sr, c.shown, unit) + unit
		unit = x.resolveAmong(sr, c.shown, us, unit)
	}
	if asksWhereItIs(x.Q) && hasAnyPrefix(unit, withinWords...) {
		// "满都拉口岸在哪里": "境内有…满都拉口岸" is inside the sentence's subject ("达茂旗是…").
		if n := openingSubject(sr); n > 0 {
			unit = string(c.shown[:n]) + unit
		}
	}
	return unit
}
