// Clause and span finders the answer cutter (cut.go) uses: typed things near the question's
// words, the clause that best matches, the people and subject around a clause.

package core

import (
	"newsbot/bot/internal/intent"
	"strings"
)

// openingSubject is the length of the words that open sr up to its first 是 or comma, 0 when they
// are longer than a name.
func openingSubject(sr []rune) int {
	for i, r := range sr {
		if r == '是' || IsClauseBreak(r) {
			if i >= 2 && i <= 8 {
				return i
			}
			return 0
		}
	}
	return 0
}

// resolveAmong names what "其中" (among them) refers to when the clause was cut from the sentence
// that says it and the question names it: "…东延段…6座车站,其中高铁新城站可与城际铁路换乘" →
// "东延段高铁新城站可与城际铁路换乘".
func (x *Extractor) resolveAmong(sr, shown []rune, us int, unit string) string {
	if !strings.HasPrefix(unit, intent.Among) {
		return unit
	}
	for _, r := range x.OwnRuns {
		if intent.RuneLen(r) < 2 {
			continue
		}
		if i := strings.Index(string(sr[:us]), r); i >= 0 {
			at := intent.RuneLen(string(sr[:us])[:i])
			return string(shown[at:at+intent.RuneLen(r)]) + strings.TrimLeft(strings.TrimPrefix(unit, intent.Among), ",，")
		}
	}
	return unit
}

// extendPeople reaches back over comma clauses that hold titled names ("区长恽淇丞,旗长黄龙见证…").
func (x *Extractor) extendPeople(sr []rune, us int) int {
	for us > 1 {
		prev := ClauseStart(sr, us-1, false)
		if isMajorBreak(sr[us-1]) || !PersonRe.MatchString(string(sr[prev:us-1])) || us-1-prev > 24 {
			break
		}
		us = prev
	}
	return us
}

// firstTermAt is the byte offset of the question's first word in s, -1 when s holds none. The
// question's own words, whole, place the answer best ("末班车" rather than the "班车" of "首班车");
// single terms are the fallback.
func (x *Extractor) firstTermAt(s string) int {
	pos := -1
	for _, r := range intent.RunsOf(x.Q.Norm, x.Q.QWord) {
		if i := strings.Index(s, r); i >= 0 && intent.RuneLen(r) >= 2 && (pos < 0 || i < pos) {
			pos = i
		}
	}
	if pos < 0 {
		for _, t := range x.Q.Terms {
			if i := strings.Index(s, t.Text); i >= 0 && (pos < 0 || i < pos) {
				pos = i
			}
		}
	}
	return pos
}

// nearestTyped is the typed thing nearest rune offset from within its clause, before or after it
// ("今年11月9日是第33个全国消防日" for "第33个全国消防日是哪天").
func (x *Extractor) nearestTyped(sr []rune, from int) (int, int, bool) {
	s := string(sr)
	cs, ce := ClauseStart(sr, from, false), ClauseEnd(sr, from, false)
	bestS, bestE, bestD := 0, 0, -1
	for at := cs; ; {
		ts, te, ok := TypedSpanFrom(x.Q.Type, s, at)
		if !ok || ts >= ce {
			break
		}
		if d := abs(ts - from); (bestD < 0 || d < bestD) && x.fitsType(sr[ts:te]) {
			bestS, bestE, bestD = ts, te, d
		}
		at = te
	}
	return bestS, bestE, bestD >= 0
}

// TypedNearTerms finds a typed answer (a number for 多少) after the first question term in the
// sentence, for questions without a question word ("那人口呢？" inheriting 多少).
func (x *Extractor) TypedNearTerms(sr []rune) (int, int, bool) {
	s := string(sr)
	pos := x.firstTermAt(s)
	if pos < 0 {
		return 0, 0, false
	}
	from := intent.RuneLen(s[:pos])
	cs := ClauseStart(sr, from, false)
	if bestS, bestE, found := x.nearestTyped(sr, from); found {
		// "什么时候启动的": "昨天上午,2024年武进区…活动启动" is dated by 昨天上午; 2024年 names the
		// campaign's year.
		if x.Q.Type == intent.Date && !asksYear(x.Q) && bareYearRe.MatchString(string(sr[bestS:bestE])) && cs > 1 {
			ps := ClauseStart(sr, cs-1, false)
			if ts, te, ok := typedSpanIn(intent.Date, string(sr[ps:cs-1]), true); ok && !bareYearRe.MatchString(string(sr[ps+ts:ps+te])) {
				return ps + ts, ps + te, true
			}
		}
		return bestS, bestE, true
	}
	// A place often opens the sentence before its event: "在嘉泽镇新时代文明实践所,王冰一行听取了…".
	if x.Q.Type == intent.Place && cs > 1 {
		ps := ClauseStart(sr, cs-1, false)
		if opener := string(sr[ps : cs-1]); strings.HasPrefix(opener, "在") && placeRe.MatchString(opener) {
			return ps, cs - 1, true
		}
	}
	// The clause of the question's first word holds none ("县城第二水厂位于城东新区,…,设计日供水能力
	// 10万吨" for "新水厂一天能供多少水"): the typed thing in the clause holding most of the question.
	if ts, te, ok := x.typedInBestClause(sr); ok {
		return ts, te, true
	}
	// A time often opens the sentence before its event: "13日夜间至14日,我市将出现明显降温".
	if x.Q.Type == intent.Date && cs > 1 {
		ps := ClauseStart(sr, cs-1, false)
		if ts, te, ok := typedSpanIn(intent.Date, string(sr[ps:cs-1]), true); ok {
			return ps + ts, ps + te, true
		}
	}
	start, end, ok := TypedSpanFrom(x.Q.Type, s, from)
	if !ok || start-from > 12 {
		return 0, 0, false
	}
	return start, end, true
}

// fitsType reports whether a typed span may answer: a quantity question is not answered by an
// ordinal ("第二水厂"), see hasAnswerFor.
func (x *Extractor) fitsType(span []rune) bool {
	return HasAnswerFor(x.Q, string(span))
}

// typedInBestClause is the first typed span of the comma clause of sr that holds the most question
// weight among the clauses holding one; ok is false when no such clause holds a question term.
func (x *Extractor) typedInBestClause(sr []rune) (int, int, bool) {
	bestS, bestE, bestW := 0, 0, 0.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			clause := string(sr[start:i])
			if w := x.covered(clause); w > bestW {
				for at := 0; ; {
					ts, te, ok := TypedSpanFrom(x.Q.Type, clause, at)
					if !ok {
						break
					}
					if cr := []rune(clause); x.fitsType(cr[ts:te]) {
						bestS, bestE, bestW = start+ts, start+te, w
						break
					}
					at = te
				}
			}
		}
		start = i + 1
	}
	return bestS, bestE, bestW > 0
}

// TermClauses spans the first to the last comma clause of sr holding a question term.
func (x *Extractor) TermClauses(sr []rune) (int, int) {
	first, last := -1, -1
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		if i > start && x.covered(string(sr[start:i])) > 0 {
			if first < 0 {
				first = start
			}
			last = i
		}
		start = i + 1
	}
	if first < 0 {
		return 0, len(sr)
	}
	return first, last
}

// aspectClause is the comma clause of sr holding most of the keyword query's last run: a query
// names its topic first and the aspect asked about last ("东延段 换乘"), and the sentence's other
// clauses tell of the topic's other aspects.
func (x *Extractor) aspectClause(sr []rune) (int, int) {
	last := -1
	for _, t := range x.Q.Terms {
		last = max(last, t.Run)
	}
	bestS, bestE, bestW := 0, len(sr), 0.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			var w float64
			for _, t := range x.Q.Terms {
				if t.Run == last && t.In(string(sr[start:i])) {
					w += x.Weight(t)
				}
			}
			if w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	if bestW == 0 {
		return x.bestClause(sr)
	}
	return bestS, bestE
}

// bestTypedClause is the comma clause of sr holding the most question weight among those holding
// what the question asks for (a person; for a contest's winner, a team too).
func (x *Extractor) bestTypedClause(sr []rune) (int, int, bool) {
	bestS, bestE, bestW := 0, 0, -1.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		clause := string(sr[start:i])
		typed := hasTyped(x.Q.Type, clause) || x.Q.Type == intent.Person && AsksWinner(x.Q) && OrgRe.MatchString(clause)
		if i > start && typed {
			if w := x.covered(clause); w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	return bestS, bestE, bestW >= 0
}

// ActClause is the comma clause of sr telling the act a who-question asks the doer of (agentRole),
// when it names an organisation or a person.
func (x *Extractor) ActClause(sr []rune) (int, int, bool) {
	act := agentRole(x.Q)
	if act == "" {
		return 0, 0, false
	}
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		clause := string(sr[start:i])
		if i > start && (SharesBigram(act, clause) || paraphraseIn(x.Q, act, clause)) &&
			(OrgRe.MatchString(clause) || PersonRe.MatchString(clause)) {
			return start, i, true
		}
		start = i + 1
	}
	return 0, 0, false
}

// bestClause is the comma clause of sr holding the most question weight.
func (x *Extractor) bestClause(sr []rune) (int, int) {
	bestS, bestE, bestW := 0, len(sr), -1.0
	start := 0
	for i := 0; i <= len(sr); i++ {
		if i < len(sr) && !IsClauseBreak(sr[i]) {
			continue
		}
		if i > start {
			if w := x.covered(string(sr[start:i])); w > bestW {
				bestS, bestE, bestW = start, i, w
			}
		}
		start = i + 1
	}
	return bestS, bestE
}

// subjectFor returns the sentence's opening subject when the answer clause leaves it out and the
// question names it: "达茂旗是…,总面积18177平方千米" answers "达茂旗总面积18177平方千米".
func (x *Extractor) subjectFor(sr, shown []rune, unit string) string {
	ask := x.Q.Norm
	for _, t := range x.Terms {
		if t.Weight < 1 {
			ask += " " + t.Text
		}
	}
	best := 0
	for n := 2; n <= min(len(sr), 12); n++ {
		p := string(sr[:n])
		if IsPunctOrSpace(sr[n-1]) {
			break
		}
		if strings.Contains(ask, p) || x.topicHas(p) {
			best = n
		}
	}
	for best > 0 && strings.ContainsRune(trailingLight, sr[best-1]) {
		best-- // "达茂旗", not "达茂旗是"
	}
	if best < 2 || strings.Contains(AsciiLower(intent.Fold(unit)), string(sr[:best])) {
		return ""
	}
	return string(shown[:best]) // as written: "K8路", not the question's "k8路"
}

// topicHas reports whether every bigram of p is an inherited topic term (a follow-up's subject).
func (x *Extractor) topicHas(p string) bool {
	rs := []rune(p)
	for i := 0; i+1 < len(rs); i++ {
		found := false
		for _, t := range x.Terms {
			if t.Weight < 1 && t.Run >= 0 && t.Text == string(rs[i:i+2]) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// CountedNounSpan finds the number written right before the counted noun of a number question
// (the noun after 多少/几, or its ending: "接种点" of "流感疫苗接种点"), as rune offsets of sr.
func CountedNounSpan(q intent.Intent, sr []rune) (int, int, bool) {
	noun := []rune(q.Asked.Counted)
	s := string(sr)
	for n := len(noun); n >= 2; n-- {
		tail := string(noun[len(noun)-n:])
		for off := 0; ; {
			i := strings.Index(s[off:], tail)
			if i < 0 {
				break
			}
			at := off + i
			if ns, ne, ok := numberEndingAt(s, at); ok && (HasAnswerFor(q, s[ns:ne]) || wholeNumeralRe.MatchString(s[ns:ne])) {
				if wholeNumeralRe.MatchString(s[ns:ne]) {
					ne = at + len(tail) // "八车道": a bare numeral reads with its noun
				}
				return intent.RuneLen(s[:ns]), intent.RuneLen(s[:ne]), true
			}
			// or right after it: "新建口袋公园3处" for "几个口袋公园"
			if n >= 3 || n == len(noun) {
				from := intent.RuneLen(s[:at+len(tail)])
				if ns, ne, ok := NumberRightAfter(sr, from); ok && HasAnswerFor(q, string(sr[ns:ne])) {
					return ns, ne, true
				}
			}
			off = at + len(tail)
		}
	}
	return 0, 0, false
}

// numberEndingAt is the number (with its measure word) that ends exactly at byte offset at of s.
func numberEndingAt(s string, at int) (int, int, bool) {
	head := s[:at]
	// a bare Chinese numeral counts the noun right after it: "双向八车道"
	if loc := bareNumeralRe.FindStringIndex(head); loc != nil && !strings.HasSuffix(head[:loc[0]], ordinalPrefix) {
		return loc[0], loc[1], true // (not the ordinal "第二污水处理厂")
	}
	locs := numberRe.FindAllStringIndex(head, -1)
	if len(locs) == 0 {
		return 0, 0, false
	}
	last := locs[len(locs)-1]
	if last[1] != at || !hasNumeral(head[last[0]:last[1]]) {
		return 0, 0, false
	}
	return last[0], last[1], true
}

// EventPlaceSpan is, for a question where an event takes place, the place of a "在X" phrase of sr:
// the one followed in its clause by the act asked ("在县体育中心开幕"), else one that opens the
// sentence as its own clause ("在嘉泽镇新时代文明实践所,王冰一行听取了…").
func (x *Extractor) EventPlaceSpan(sr []rune) (int, int, bool) {
	acts := []string{ceremonyStem(x.Q)}
	if v := x.Q.Asked.PlaceAct; intent.RuneLen(v) >= 2 {
		acts = append(acts, v)
		acts = append(acts, intent.ParaphraseIndex[v]...)
	}
	for i, r := range sr {
		if r != '在' || i+1 >= len(sr) {
			continue
		}
		end := ClauseEnd(sr, i+1, false)
		phrase := string(sr[i+1 : end])
		for _, a := range acts {
			if a == "" {
				continue
			}
			if k := strings.Index(phrase, a); k > 0 && PlaceLike(phrase[:k], string(sr)) {
				return i + 1, i + 1 + intent.RuneLen(phrase[:k]), true
			}
		}
		if i == 0 && end < len(sr) && PlaceLike(phrase, string(sr)) {
			return 1, end, true
		}
	}
	return 0, 0, false
}

// CueClause is the comma clause of sr around the first of cues it holds (rune offsets: the cue's
// from, the clause's start and end); ok false when sr holds none.
func CueClause(sr []rune, cues []string) (from, start, end int, ok bool) {
	s := string(sr)
	at := IndexAnyOf(s, cues)
	if at < 0 {
		return 0, 0, 0, false
	}
	from = intent.RuneLen(s[:at])
	return from, ClauseStart(sr, from, false), ClauseEnd(sr, from, false), true
}

// IndexAnyOf is the byte offset of the first of words found in s, -1 when none.
func IndexAnyOf(s string, words []string) int {
	at := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// CountList reports a unit whose 、 joins counts, not names ("另有2个项目获二等奖、1个项目获三等奖"
// does not say which projects won), and which joins nothing else.
func CountList(unit string) bool {
	parts := strings.Split(unit, "、")
	if len(parts) < 2 || ContainsAnyOf(unit, countListWords) {
		return false
	}
	for _, part := range parts[1:] {
		if !countOpensRe.MatchString(part) {
			return false
		}
	}
	return true
}

// reachPerson moves the start of an answer to a who-question back over up to three comma clauses
// of its sentence when the answer names no one: "东湖区队前锋李明宇上演“帽子戏法”，独中三元，当选
// 本届比赛最佳射手" answers "谁是最佳射手" from its subject on.
func reachPerson(sr []rune, us, ue int) int {
	if PersonRe.MatchString(string(sr[us:ue])) {
		return us
	}
	for k, at := 0, us; k < 3 && at > 1 && !isMajorBreak(sr[at-1]); k++ {
		at = ClauseStart(sr, at-1, false)
		if PersonRe.MatchString(string(sr[at:us])) {
			return at
		}
	}
	return us
}
