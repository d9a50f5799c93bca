package bot

import (
	"newsbot/bot/internal/intent"
	"slices"
	"strings"

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
	name string
	cut  func(x *extractor, c *cutting) (unit, span string, ok bool)
}

// clauseForms are tried in order; the first that cuts answers.
var clauseForms = []clauseForm{
	{"pair", cutPairClause},
	{"agent's act", cutActClause},
	{"winner", cutWinnerClause},
	{"respectively", cutRespectiveClauses},
	{"reason", cutReasonClause},
	{"places listed", cutPlaceList},
	{"source", cutSourceClause},
}

// spanForm may isolate the answer span; a later form overrides an earlier one.
type spanForm struct {
	name string
	find func(x *extractor, c *cutting)
}

// spanForms run in order after the question's context is aligned with the sentence.
var spanForms = []spanForm{
	{"head noun", findHeadNoun},
	{"event place", findEventPlace},
	{"typed near the terms", findTypedNear},
	{"until", findUntil},
	{"counted noun", findCountedNoun},
	{"free of charge", findFree},
	{"score", findScore},
	{"frequency", findFrequency},
	{"date range", findDateRange},
	{"unit", findUnit},
	{"change", findChange},
}

// cut returns the concise answer clause and the isolated span (both folded) from sentence s.
func (x *extractor) cut(s, shown string) (unit, spanText string) {
	c := &cutting{s: s, sr: []rune(s), shown: []rune(shown)}
	if len(c.shown) != len(c.sr) {
		c.shown = c.sr
	}
	for _, f := range clauseForms {
		if unit, span, ok := f.cut(x, c); ok {
			return unit, span
		}
	}
	c.start, c.end, c.ok, c.matched = alignSpanContext(x.q, s)
	if x.q.Type == qtYesNo {
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
	return x.widen(c), trimPunct(spanText)
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
func (x *extractor) withSubject(c *cutting, us int, unit string) string {
	if us > 0 {
		return x.subjectFor(c.sr, c.shown, unit) + unit
	}
	return unit
}

// cutPairClause: "什么车": the noun phrase ending in 车 answers, wherever the question's other
// words stand, unless the question's words right around 什么 are found around another span
// ("北部山区可能出现什么天气" → "北部山区可能出现霜冻", not "大风天气").
func cutPairClause(x *extractor, c *cutting) (string, string, bool) {
	if !asksPair(x.q) {
		return "", "", false
	}
	ps, pe, found := x.pairClause(c.sr)
	if !found {
		return "", "", false
	}
	return c.shownClause(ps, pe), "", true
}

// cutActClause: "食堂是谁在经营": "引入专业餐饮企业运营" (people are cut with their titles later).
func cutActClause(x *extractor, c *cutting) (string, string, bool) {
	if x.q.Type != qtPerson {
		return "", "", false
	}
	as, ae, found := x.actClause(c.sr)
	if !found || personRe.MatchString(string(c.sr[as:ae])) {
		return "", "", false
	}
	return c.shownClause(as, ae), "", true
}

// cutWinnerClause: "哪个楼道获得了第一名".
func cutWinnerClause(x *extractor, c *cutting) (string, string, bool) {
	if !asksWinner(x.q) || x.q.Type != qtOrg && x.q.Type != qtPlace && x.q.Type != qtWhat {
		return "", "", false
	}
	return c.clause(winnerClause(c.sr))
}

// cutRespectiveClauses: "出口和进口分别是多少": every clause that answers a part ("出口总额721亿元，
// …进口总额315亿元").
func cutRespectiveClauses(x *extractor, c *cutting) (string, string, bool) {
	if !strings.Contains(x.q.Norm, "分别") {
		return "", "", false
	}
	ks, ke := x.termClauses(c.sr)
	if ke-ks > maxListPartRunes {
		return "", "", false
	}
	return c.shownClause(ks, ke), "", true
}

// cutReasonClause: "为什么…": the clause giving the reason, with the sentence's subject.
func cutReasonClause(x *extractor, c *cutting) (string, string, bool) {
	if !asksWhy(x.q) {
		return "", "", false
	}
	if rs, re, found := reasonClause(c.sr); found {
		return x.withSubject(c, rs, balanceQuotes(string(c.shown[rs:re]))), "", true
	}
	return "", "", false
}

// cutPlaceList: "哪些国家的海鲜料理": the places are the list ("来自日本、泰国、西班牙等地的海鲜料理").
func cutPlaceList(x *extractor, c *cutting) (string, string, bool) {
	if x.q.Type != qtPlace || intent.QuestionWords[x.q.QWord] != qtList {
		return "", "", false
	}
	return c.clause(x.listClause(c.sr))
}

// cutSourceClause: "水来自哪里": the clause of the source verb, the source as the span.
func cutSourceClause(x *extractor, c *cutting) (string, string, bool) {
	if !asksSource(x.q) {
		return "", "", false
	}
	ss, se, found := sourceSpan(c.sr)
	if !found {
		return "", "", false
	}
	us := clauseStart(c.sr, ss, false)
	us, ue := trimSpan(c.sr, us, se)
	unit := x.withSubject(c, us, balanceQuotes(string(c.shown[us:ue])))
	return unit, trimPunct(string(c.shown[ss:se])), true
}

// findHeadNoun: a head-noun phrase ("什么车" → "…客车") answers when nothing aligned surely, and
// narrows an aligned span of several clauses that holds it.
func findHeadNoun(x *extractor, c *cutting) {
	hs, he, found := x.headNounSpan(c.sr)
	if found && (!c.ok || c.matched < surelyAligned ||
		hs >= c.start && he <= c.end && strings.ContainsFunc(string(c.sr[c.start:c.end]), isClauseBreak)) {
		c.start, c.end, c.ok = hs, he, true
	}
}

// findEventPlace: "在哪里听取了…介绍": the "在X" phrase before the act, or opening the sentence.
func findEventPlace(x *extractor, c *cutting) {
	if !x.asksEventPlace() {
		return
	}
	if ps, pe, found := x.eventPlaceSpan(c.sr); found {
		c.start, c.end, c.ok = ps, pe, true
	}
}

// findTypedNear: without a span, the thing of the asked type nearest the question's words; and
// "采摘节在哪里举办" aligned on "届时将举办…" is answered by the place named near the question's
// words ("…将于9月28日在双河镇开幕").
func findTypedNear(x *extractor, c *cutting) {
	if c.ok && x.q.Type == qtPlace && !placeLike(string(c.sr[c.start:c.end]), c.s) {
		if ps, pe, found := x.typedNearTerms(c.sr); found {
			c.start, c.end = ps, pe
		}
	}
	if !c.ok {
		c.start, c.end, c.ok = x.typedNearTerms(c.sr)
	}
}

// findUntil: "展到什么时候": the date after 至/到.
func findUntil(x *extractor, c *cutting) {
	if !asksUntil(x.q) {
		return
	}
	if us, ue, found := untilSpan(c.sr, asksClock(x.q)); found {
		c.start, c.end, c.ok = us, ue, true
	}
}

// findCountedNoun: "多少个流感疫苗接种点" by "143个接种点", not by the "8.7万剂" beside the words
// 流感疫苗; "几个口袋公园" by "新建口袋公园3处", though the text counts them in 处.
func findCountedNoun(x *extractor, c *cutting) {
	if x.q.Type != qtNumber || expectedUnits(x.q) != nil && !measureOnly(x.q) {
		return
	}
	if cs, ce, found := countedNounSpan(x.q, c.sr); found {
		c.start, c.end, c.ok, c.counted = cs, ce, true, true
	}
}

// findFree: "体检要交多少钱" by "可免费体检": free is the price.
func findFree(x *extractor, c *cutting) {
	units := expectedUnits(x.q)
	if len(units) != 1 || units[0] != "元" || hasNumberIn(c.s, units) {
		return
	}
	if i := indexAnyOf(c.s, freeWords); i >= 0 {
		at := runeLen(c.s[:i])
		c.start, c.end, c.ok, c.counted = at, at+2, true, true
	}
}

// findScore: "比分是多少" by "3∶1".
func findScore(x *extractor, c *cutting) {
	if !strings.Contains(x.q.Norm, "比分") {
		return
	}
	if loc := scoreRe.FindStringIndex(c.s); loc != nil {
		c.start, c.end, c.ok, c.counted = runeLen(c.s[:loc[0]]), runeLen(c.s[:loc[1]]), true, true
	}
}

// findFrequency: "多久一班" by "每15分钟一班".
func findFrequency(x *extractor, c *cutting) {
	if !asksFrequency(x.q) {
		return
	}
	if fs, fe, found := frequencySpan(c.sr); found {
		c.start, c.end, c.ok = fs, fe, true
	}
}

// findDateRange: "持续几天" by "12月6日至7日".
func findDateRange(x *extractor, c *cutting) {
	units := expectedUnits(x.q)
	if !slices.Contains(units, "天") || hasNumberIn(c.s, units) {
		return
	}
	if loc := dateRangeRe.FindStringIndex(c.s); loc != nil {
		c.start, c.end, c.ok, c.counted = runeLen(c.s[:loc[0]]), runeLen(c.s[:loc[1]]), true, true
	}
}

// findUnit: the number in the asked unit whose surroundings best match the question.
func findUnit(x *extractor, c *cutting) {
	units := expectedUnits(x.q)
	if units == nil || asksFrequency(x.q) || c.counted {
		return
	}
	if us, ue, found := unitSpan(c.s, units, x.q.Terms); found {
		c.start, c.end, c.ok = us, ue, true
	}
}

// findChange: "增长了多少" by "同比增长6.2%", not the level 312.6亿元.
func findChange(x *extractor, c *cutting) {
	words := askedChange(x.q)
	if words == nil {
		return
	}
	if cs, ce, found := x.changeSpan(c.sr, words); found {
		c.start, c.end, c.ok = cs, ce, true
	}
}

// clauseWithoutSpan picks the clause that best matches when no span was isolated; a person
// question then answers at once with the clause naming someone, titled names before it.
func (x *extractor) clauseWithoutSpan(c *cutting) (string, bool) {
	c.start, c.end = x.bestClause(c.sr)
	if x.q.Type == qtYesNo {
		c.start, c.end = x.aspectClause(c.sr) // "达茂旗是否有口岸": the clause about 口岸
	}
	switch x.q.Type {
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
func (x *extractor) widen(c *cutting) string {
	sr := c.sr
	var us, ue int
	if c.ok && x.q.Type != qtList && x.q.Type != qtHow {
		// An isolated answer reads best in its own comma clause: "总人口11.4万人".
		us, ue = clauseStart(sr, c.start, false), clauseEnd(sr, c.end, false)
		if x.q.Type == qtPerson {
			us = reachPerson(sr, x.extendPeople(sr, us), ue)
		}
	} else {
		limit := maxPartRunes
		if x.q.Type == qtList || x.q.Type == qtHow || x.q.Type == qtPerson {
			limit = maxListPartRunes
		}
		us, ue = clauseStart(sr, c.start, true), clauseEnd(sr, c.end, true)
		if ue-us > limit || x.q.Type == qtYesNo {
			us, ue = clauseStart(sr, c.start, false), clauseEnd(sr, c.end, false)
		}
	}
	us, ue = trimSpan(sr, us, ue)
	if x.q.Type == qtList {
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
	if asksWhereItIs(x.q) && hasAnyPrefix(unit, withinWords...) {
		// "满都拉口岸在哪里": "境内有…满都拉口岸" is inside the sentence's subject ("达茂旗是…").
		if n := openingSubject(sr); n > 0 {
			unit = string(c.shown[:n]) + unit
		}
	}
	return unit
}
