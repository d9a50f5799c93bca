// Units: what a number question measures, the units that can answer it, and the refusal check
// that the window holds a number in them next to the question's words.

package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"slices"
	"strings"

	"newsbot/lexicon"
)

// unitEquivalents are written both ways in Chinese news.
var unitEquivalents = lexicon.Map("unitEquivalents")

func sameUnits(u string) []string {
	if eq, ok := unitEquivalents[u]; ok {
		return eq
	}
	return []string{u}
}

// ExpectedUnits returns the units a number question's answer must carry, nil when unknown. A
// change asked of a measure ("GDP增长多少") may be told as a rate as well as in the measure's unit.
func ExpectedUnits(q intent.Intent) []string {
	units := levelUnits(q)
	if units == nil || AskedChange(q) == nil {
		return units
	}
	if after := []rune(q.After); intent.UnitPrefix(string(after)) != "" || intent.MeasureWordAt(q, after) {
		return units // "增加了多少人": the unit named
	}
	return append(slices.Clip(units), changeUnits...)
}

// The word lists levelUnits looks for (lexicon sections [levelUnits], [levelUnits.2]…).
var (
	levelUnitsWords  = lexicon.Words("levelUnits")
	levelUnitsWords2 = lexicon.Words("levelUnits.2")
	levelUnitsWords3 = lexicon.Words("levelUnits.3")
)

// levelUnits are the units of the measure a number question asks (expectedUnits without a
// change), nil when unknown.
func levelUnits(q intent.Intent) []string {
	if q.Type != intent.Number || q.QPos < 0 {
		return nil
	}
	after := []rune(q.After)
	if u := intent.UnitPrefix(string(after)); u != "" {
		return sameUnits(u)
	}
	// "多大年纪": a measure named right after the question word, before any measure word (年)
	for _, c := range intent.UnitClasses {
		if intent.RuneLen(c.Cue) >= 2 && intent.NounCue(c.Cue) && strings.HasPrefix(string(after), c.Cue) {
			return c.Units
		}
	}
	// "几个小时": 个 before a named unit counts that unit
	if u := intent.UnitPrefix(strings.TrimPrefix(string(after), intent.GenericMeasure)); u != "" && strings.HasPrefix(string(after), intent.GenericMeasure) {
		return sameUnits(u)
	}
	// "占全长多少", "占了几成": a share
	if ContainsAnyOf(q.Before, shareWords) && intent.UnitPrefix(string(after)) == "" &&
		!intent.MeasureWordAt(q, after) {
		return levelUnitsWords
	}
	// (多少个楼道: 个 is the measure; 楼 starts the noun)
	if intent.MeasureWordAt(q, after) && !endsWithMeasure(q.QWord) {
		if after[0] == intent.GenericMeasureRune {
			return genericMeasures // "几个项目" may be counted "12项"
		}
		if strings.ContainsRune(intent.PeopleMeasures, after[0]) {
			return levelUnitsWords2 // "多少人参加" by "60余名老人"
		}
		return []string{string(after[0])}
	}
	if r := []rune(q.QWord); len(r) > 1 && strings.ContainsRune(intent.MeasureWords, r[len(r)-1]) && r[len(r)-1] != intent.GenericMeasureRune {
		return []string{string(r[len(r)-1])}
	}
	if strings.HasSuffix(q.QWord, intent.GenericMeasure) && q.Asked.Phrase != "" && !countsPeople(q) && intent.UnitPrefix(string(after)) == "" {
		return genericMeasures // "多少个阅览室": 个 or the measure the text counts them in
	}
	for _, c := range intent.UnitClasses {
		if strings.Contains(q.Norm, c.Cue) {
			return c.Units
		}
	}
	if q.QWord == intent.QHowBig && strings.Trim(string(after), "?？。!！呢啊呀 ") == "" && !attributeAsked(q) && !asksDegree(q) {
		// "达茂旗有多大": a place's size is its area ("降温幅度有多大" asks the 幅度 instead).
		return levelUnitsWords3
	}
	if countsPeople(q) {
		return peopleUnits
	}
	return nil
}

// degreeMark ends a verb's degree complement ("风刮得有多大": how hard, not how large an area;
// lexicon [degreeMark]).
var degreeMark = lexicon.String("degreeMark")

// asksDegree reports 多大 asked of a verb's degree ("刮得有多大", "下得多大"), which no area answers.
func asksDegree(q intent.Intent) bool {
	return strings.HasSuffix(strings.TrimSuffix(strings.TrimSpace(q.Before), "有"), degreeMark)
}

// The words attributeAsked looks for (lexicon section [attributeAsked]).
var attributeAskedWords = lexicon.Words("attributeAsked")

// shareWords before the question word ask a share ("占全长多少"; lexicon).
var shareWords = lexicon.Words("shareWords")

// attributeAsked reports whether the words before the question word end in a measured attribute
// ("降温幅度有多大", "投资规模多大", "年纪多大"), so that 多大 asks that attribute, not an area.
func attributeAsked(q intent.Intent) bool {
	before := strings.TrimSuffix(strings.TrimSpace(q.Before), "有")
	for _, w := range attributeAskedWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// peopleUnits count people ("2400名学生", "96名教师", "3.8万余户", "430余例").
var peopleUnits = lexicon.Words("peopleUnits")

// countedPeopleEnds end a noun for people counted (学生, 员工, 游客, 农户, 群众).
var countedPeopleEnds = lexicon.String("countedPeopleEnds")

// countsPeople reports "多少学生", "多少名游客": a number question counting people, named by a noun
// ending in a person suffix.
func countsPeople(q intent.Intent) bool {
	n := []rune(q.Asked.Counted)
	if len(n) == 0 {
		return false
	}
	return strings.ContainsRune(countedPeopleEnds, n[len(n)-1])
}

// durationMarks after "N月" make it a duration, not a calendar month (lexicon [durationMarks]).
var durationMarks = lexicon.Words("durationMarks")

// isDatePart reports a number with unit u at window[start:end] that is part of a date, not a
// duration: the 6月 of "6月15日", the 15日 of "6月15日".
func isDatePart(window string, start, end int, u string) bool {
	rest := window[end+len(u):]
	switch u {
	case intent.UnitMonth, intent.UnitMonths:
		// A bare N月 is a calendar month ("每年10月至11月"), a duration only as "N个月" or
		// "N月有余/之久/左右".
		return u == intent.UnitMonth && !HasAnyPrefix(rest, durationMarks...)
	case intent.UnitDay, intent.UnitDays:
		return u == intent.UnitDay && strings.HasSuffix(window[:start], intent.UnitMonth)
	}
	return false
}

// numberUnitRe finds numbers with what follows them, for the unit check.
// 千 and 百 are left to the unit so that "88.6千米" reads as kilometres, not thousands of metres.
// Chinese hundreds and thousands count too ("三百余人", "一千二百名"), and a round figure written
// with its approximation ("近百名", "上千人", "数百位"); a bare 百/千 is not taken for a number.
var numberUnitRe = regexp.MustCompile(lexicon.String("numberUnitRe"))

// HasNumberIn reports whether window holds a number directly followed by one of units ("11.4万人").
func HasNumberIn(window string, units []string) bool {
	for _, loc := range numberUnitRe.FindAllStringIndex(window, -1) {
		if !hasNumeral(window[loc[0]:loc[1]]) {
			continue
		}
		rest := window[loc[1]:]
		for _, u := range units {
			if strings.HasPrefix(rest, u) && !(u == intent.UnitYear && isYear(window[loc[0]:loc[1]])) {
				return true
			}
		}
	}
	return false
}

// isYear reports a four-digit year ("2024" in "2024年"), a date rather than a duration.
func isYear(n string) bool {
	return len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))
}

// measureQualifiers are what stands before the measure cue in the question's runs: "常住" of
// "武进常住人口" (a place the window names is no qualifier).
func measureQualifiers(q intent.Intent, cue, window string) []string {
	var quals []string
	for _, run := range intent.RunsOf(q.Norm, q.QWord) {
		if i := strings.Index(run, cue); cue != "" && i > 0 {
			if qual := withoutNamedPlace(run[:i], window); qual != "" {
				quals = append(quals, qual)
			}
		}
	}
	return quals
}

// CheckUnits: a number question with a known measure needs a number in that unit, close to the
// question's words (a quantity sits next to what it measures: "边境线长88.6千米" does not say how
// far 达茂旗 is from 武进), with a money cue right by it ("全程票价2元", not "总投资约86亿元" for
// 票价), and a qualified measure's qualifier before it ("常住人口172.41万人"; "机收面积达12.6万亩"
// does not give the 种植面积).
func CheckUnits(q intent.Intent, window, _ string) string {
	units := ExpectedUnits(q)
	if units == nil || AsksFrequency(q) && FrequencyRe.MatchString(window) {
		return "" // (a rate answers "多久一班": "每周一班")
	}
	if slices.Contains(units, intent.UnitDays) && DateRangeRe.MatchString(window) {
		return "" // "持续几天" by "12月6日至7日"
	}
	if len(units) == 1 && units[0] == intent.UnitYuan && ContainsAnyOf(window, FreeWords) && !ContainsAnyOf(q.Norm, selfPaidWords) &&
		SharesBigram(FirstOr(intent.RunsOf(q.Norm, q.QWord)), window) {
		return "" // "体检要交多少钱" by "…可免费体检"
	}
	cue := unitCue(q)
	if shareOfMeasure(q, cue, window) {
		return ""
	}
	quals := measureQualifiers(q, cue, window)
	money := len(units) == 1 && units[0] == intent.UnitYuan
	// A unit the question names itself (几分钟, 多少公里) that only one number of the window carries
	// leaves no doubt which number is meant, however far the question's words ("邱阿姨…说：“…现在走5
	// 分钟就能…”").
	if measureAfter(q) && countNumbersIn(window, units) == 1 && cue == "" && !asksDistance(q) &&
		(len(units) == 1 || intent.UnitPrefix(q.After) != "") {
		return ""
	}
	for _, loc := range numberUnitRe.FindAllStringIndex(window, -1) {
		if !hasNumeral(window[loc[0]:loc[1]]) {
			continue
		}
		for _, u := range units {
			if !strings.HasPrefix(window[loc[1]:], u) || u == intent.UnitYear && isYear(window[loc[0]:loc[1]]) ||
				isDatePart(window, loc[0], loc[1], u) {
				continue
			}
			if asksDuration(q) && durationModifierRe.MatchString(window[loc[1]+len(u):]) &&
				ContainsAnyOf(LastRunes(window[:loc[0]], 3), ageMarkers) {
				continue // "使用15年以上的老旧电梯" is the lifts' age, not how long the work takes
			}
			// "几个项目" counted in 项 must be about 项目 ("项目包括…等12项"), not "6座车站" for 出入口,
			// and "多少个阅览室" not by "一个可容纳120人的夜读区".
			if len(units) > 1 && units[0] == intent.GenericMeasure {
				noun := q.Asked.Counted
				clause := clauseBefore(window, loc[0]) + clauseAfter(window, loc[1])
				if intent.RuneLen(noun) >= 2 && !strings.Contains(clause, LastRunes(noun, 2)) && !strings.Contains(clause, string([]rune(noun)[:2])) {
					continue
				}
			}
			before := window[max(0, loc[0]-72):loc[0]]
			after := window[loc[1]+len(u) : min(len(window), loc[1]+len(u)+36)]
			if fitsNumber(q, cue, quals, money, before, after) ||
				fitsNumber(q, cue, quals, money, clauseBefore(window, loc[0]), clauseAfter(window, loc[1]+len(u))) {
				return ""
			}
		}
	}
	return "no number in " + strings.Join(units, "/") + " by the question's words"
}

// shareOfRe is a share written before what it is a share of ("四分之一的", "25%的"; lexicon).
var shareOfRe = regexp.MustCompile(lexicon.String("shareOfRe"))

// shareOfReach is how far after a share's 的 the measure it is a share of may be named.
const shareOfReach = 8

// shareOfMeasure reports a share of the asked measure, cue, that answers how much of it without
// its unit: "贡献了全球多少新增绿色面积" by "贡献了约四分之一的新增绿化面积". A unit the question names
// after its question word (多少平方米) asks for the amount itself.
func shareOfMeasure(q intent.Intent, cue, window string) bool {
	if cue == "" || measureAfter(q) {
		return false
	}
	for _, loc := range shareOfRe.FindAllStringIndex(window, -1) {
		if rest := []rune(window[loc[1]:]); strings.Contains(string(rest[:min(len(rest), shareOfReach)]), cue) {
			return true
		}
	}
	return false
}

// withoutNamedPlace drops from a measure's qualifier a leading place name that window writes:
// "达茂旗" of "达茂旗人口" names whose population it is, and the sentence may name it far from the
// number ("达茂旗是…,总人口11.4万人"); "常住" of "武进区常住人口" stays a qualifier.
func withoutNamedPlace(qual, window string) string {
	rs := []rune(qual)
	for k := len(rs) - 1; k >= 2; k-- {
		if strings.ContainsRune(intent.PlaceSuffixRunes, rs[k]) && strings.Contains(window, string(rs[:k+1])) {
			return string(rs[k+1:])
		}
	}
	return qual
}

// fitsNumber judges the words around one number (before and after it) against the question.
func fitsNumber(q intent.Intent, cue string, quals []string, money bool, before, after string) bool {
	// Units read off the question word alone (多少钱, 多久) say nothing of what is measured, and the
	// sentence may leave the subject to the one before ("…全程票价2元").
	near := len(q.Terms) == 0 || unitsFromQuestionWord(q)
	for _, t := range q.Terms {
		if strings.Contains(before, t.Text) || strings.Contains(after, t.Text) {
			near = true
			break
		}
	}
	if !near {
		return false
	}
	// "相距多远", "离市区多少公里": a distance between two places, told with 距/离/到 by the number
	// ("边境线长88.6千米" is a length).
	if asksDistance(q) && !ContainsAnyOf(LastRunes(before, 16), distanceCues) {
		return false
	}
	if money && cue != "" && !strings.Contains(before, cue) && !strings.Contains(after, cue) {
		return false
	}
	// "一份午餐多少钱" is not told by "每餐3元补贴": the sum is named as another kind of money.
	if money && cue == "" {
		for _, w := range moneyNouns {
			named := strings.HasPrefix(after, w) || strings.HasSuffix(strings.TrimRight(before, figureLeadIns), w)
			if named && !strings.Contains(q.Norm, w) && !paraphraseOf(q, w) {
				return false
			}
		}
	}
	// What building something cost ("停车库花了多少钱建的") is not told by a fee ("收费标准为首小时5元").
	if money && ContainsAnyOf(q.Norm, costWords) && ContainsAnyOf(LastRunes(before, 10), feeWords) {
		return false
	}
	// A named fee or price ("住宿费每学期多少钱") is told by that fee, not by an investment.
	if fee := feeRe.FindString(q.Norm); money && cue == "" && fee != "" {
		tail := LastRunes(fee, 2)
		if !strings.Contains(before, tail) && !strings.Contains(after, tail) {
			return false
		}
	}
	for _, qual := range quals {
		// The qualifier's end, right by the measure: "总人口", "常住人口"; not "机收面积" for 种植总面积.
		// A long one is the reader's phrasing ("老人吃一顿饭补贴"), no qualifier the text repeats.
		qr := []rune(qual)
		if len(qr) > 4 && !strings.ContainsRune(qualifierEnds, qr[len(qr)-1]) {
			continue
		}
		last := string(qr[len(qr)-1:])
		if len(qr) >= 2 {
			last = string(qr[len(qr)-2:])
		}
		// The thing measured may follow its figure: "全长约24公里的深中通道".
		describes := strings.HasPrefix(after, "的") && strings.Contains(firstRunes(after, 12), last)
		if !strings.Contains(before, last) && !strings.Contains(before, string(qr[len(qr)-1])+cue) && !describes {
			return false
		}
	}
	return true
}

// unitsFromQuestionWord reports units that come from the question word or a generic cue
// (多少钱, 多久, 多长时间) rather than from a measure the question names.
func unitsFromQuestionWord(q intent.Intent) bool {
	if measureAfter(q) || unitCue(q) != "" {
		return false
	}
	if q.QWord == intent.QHowBig {
		return true // "达茂旗多大": the area is read off 多大 alone
	}
	for _, c := range intent.UnitClasses {
		if strings.Contains(q.Norm, c.Cue) {
			return true
		}
	}
	return false
}

// unitCue is the measure noun of a number question (面积, 人口…), "" when none.
func unitCue(q intent.Intent) string {
	if q.Type != intent.Number {
		return ""
	}
	for _, c := range intent.UnitClasses {
		// A cue made of the question word ("多少钱", "几成", "占多少") names no measure noun.
		if intent.IsHan([]rune(c.Cue)[0]) && !strings.HasPrefix(c.Cue, "多") && !strings.Contains(c.Cue, intent.QHowMany) && c.Cue != "几成" &&
			strings.Contains(q.Norm, c.Cue) {
			return c.Cue
		}
	}
	return ""
}

// UnitSpan finds, in sentence s, the number carrying one of units closest after a question term;
// rune offsets.
func UnitSpan(s string, units []string, terms []intent.Term) (int, int, bool) {
	locs := numberUnitRe.FindAllStringIndex(s, -1)
	const noNumber = 1 << 30
	bestStart, bestEnd, bestDist := 0, 0, noNumber
	for i, loc := range locs {
		if !hasNumeral(s[loc[0]:loc[1]]) {
			continue
		}
		rest := s[loc[1]:]
		unit := ""
		for _, u := range units {
			if strings.HasPrefix(rest, u) {
				unit = u
				break
			}
		}
		if unit == "" || isDatePart(s, loc[0], loc[1], unit) {
			continue
		}
		// The number whose surroundings hold most of the question wins ("其中一级文物12件" over
		// "共展出文物186件" for "几件一级文物"), then the nearest to a question term.
		dist := loc[0]
		ctxStart, ctxEnd := figureContext(s, locs, i, len(unit))
		// A measured thing is written before its number ("比计划提前4个月"): words after it count half.
		near := 0
		for _, t := range terms {
			if intent.UnitPrefix(t.Text) == t.Text {
				continue // the unit itself ("多少公里") says nothing of which number
			}
			switch {
			case strings.Contains(s[ctxStart:loc[0]], t.Text):
				near += 2
			case strings.Contains(s[loc[0]:ctxEnd], t.Text):
				near++
			}
			if i := strings.LastIndex(s[:loc[0]], t.Text); i >= 0 && loc[0]-i < dist {
				dist = loc[0] - i
			}
		}
		dist -= 1000 * near
		if bestDist == noNumber || dist < bestDist {
			bestStart, bestEnd, bestDist = loc[0], loc[1]+len(unit), dist
		}
	}
	if bestDist == noNumber {
		return 0, 0, false
	}
	// Extend over the rest of a compound unit ("3.5万平方" → "3.5万平方米").
	end := bestEnd
	if loc := numberRe.FindStringIndex(s[bestStart:]); loc != nil && loc[0] == 0 && bestStart+loc[1] > end {
		end = bestStart + loc[1]
	}
	return intent.RuneLen(s[:bestStart]), intent.RuneLen(s[:end]), true
}

// endsWithMeasure reports a question word ending in a measure word (多少个, 几个).
func endsWithMeasure(qword string) bool {
	r := []rune(qword)
	return len(r) > 1 && strings.ContainsRune(intent.MeasureWords, r[len(r)-1])
}

// countNumbersIn counts the numbers of window directly followed by one of units (dates left out).
func countNumbersIn(window string, units []string) int {
	n := 0
	for _, loc := range numberUnitRe.FindAllStringIndex(window, -1) {
		if !hasNumeral(window[loc[0]:loc[1]]) {
			continue
		}
		for _, u := range units {
			if strings.HasPrefix(window[loc[1]:], u) && !isDatePart(window, loc[0], loc[1], u) &&
				!(u == intent.UnitYear && isYear(window[loc[0]:loc[1]])) {
				n++
				break
			}
		}
	}
	return n
}

// genericMeasures count things 个 may stand for in a question ("几个项目" / "12项").
var genericMeasures = lexicon.Words("genericMeasures")

// durationQuestionWords ask how long beside 多久.
var durationQuestionWords = lexicon.Words("durationQuestionWords")

// asksDuration reports a question for how long something takes (多久, 多长时间).
func asksDuration(q intent.Intent) bool {
	return q.QWord == intent.QHowLong || ContainsAnyOf(q.Norm, durationQuestionWords)
}

// durationModifierRe follows a duration that qualifies a noun ("15年以上的电梯", "30年的老桥"); with
// an age marker before it, the duration is the noun's age ("为期40天的行动" is the act's length).
var durationModifierRe = regexp.MustCompile(lexicon.String("durationModifierRe"))

// ageMarkers tell how old something is: "使用15年以上", "建成30年".
var ageMarkers = lexicon.Words("ageMarkers")

// figureLeadIns stand between a named money word and its figure ("票价为2元", "共计").
var figureLeadIns = lexicon.String("figureLeadIns")

// qualifierEnds end a measure's qualifier the text repeats (总人口, 常住人口, 累计).
var qualifierEnds = lexicon.String("qualifierEnds")
