package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"newsbot/lexicon"
)

// Answer-compatibility checks. Lexical overlap alone cannot tell "湖塘镇项目组获得第一名" from an
// answer to "湖塘镇有多少人口？": the sentence names the town but not what is asked of it. These
// checks look at what the question asks for and refuse a window that lacks it:
//   - a number question whose measure is known (多少所, 人口, 面积, 投资) needs a number in that unit;
//   - a question for the holder of a specific title (市长是谁) needs that title;
//   - 什么/哪些 followed by a noun (什么特产) needs some of that noun.

// unitClass maps what a number question measures to the units that can answer it.
var unitClasses = unitClassesOf(lexicon.Entries("unitClasses"))

// unitClass maps a cue to its units.
type unitClass struct {
	cue   string
	units []string
}

func unitClassesOf(es []lexicon.Entry) []unitClass {
	out := make([]unitClass, len(es))
	for i, e := range es {
		out[i] = unitClass{e.Key, e.Values}
	}
	return out
}

// namedUnits are units a question may name after 多少 ("多少公里"), longest first.
var namedUnits = lexicon.Words("namedUnits")

// unitEquivalents are written both ways in Chinese news.
var unitEquivalents = lexicon.Map("unitEquivalents")

// unitPrefix is the named unit s starts with, "" when none.
func unitPrefix(s string) string {
	for _, u := range namedUnits {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

func sameUnits(u string) []string {
	if eq, ok := unitEquivalents[u]; ok {
		return eq
	}
	return []string{u}
}

// measureWords after 多少/几 name the unit itself: 多少所中学 wants "N所".
var measureWords = lexicon.String("measureWords")

// measureAfterQuestionWord reports a measure word r right after q's question word: one of
// measureWords, or the 大 of 几大 ("几大产业链" wants "五大产业链"; 多大 asks a size instead).
func measureAfterQuestionWord(q question, r rune) bool {
	return strings.ContainsRune(measureWords, r) || r == '大' && q.QWord == "几"
}

// expectedUnits returns the units a number question's answer must carry, nil when unknown. A
// change asked of a measure ("GDP增长多少") may be told as a rate as well as in the measure's unit.
func expectedUnits(q question) []string {
	units := levelUnits(q)
	if units == nil || askedChange(q) == nil {
		return units
	}
	if after := []rune(q.Norm)[q.QPos+runeLen(q.QWord):]; unitPrefix(string(after)) != "" || measureWordAt(q, after) {
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
func levelUnits(q question) []string {
	if q.Type != qtNumber || q.QPos < 0 {
		return nil
	}
	after := []rune(q.Norm)[q.QPos+runeLen(q.QWord):]
	if u := unitPrefix(string(after)); u != "" {
		return sameUnits(u)
	}
	// "多大年纪": a measure named right after the question word, before any measure word (年)
	for _, c := range unitClasses {
		if r := []rune(c.cue); len(r) >= 2 && isHan(r[0]) && !strings.HasPrefix(c.cue, "多") && !strings.HasPrefix(c.cue, "几") &&
			strings.HasPrefix(string(after), c.cue) {
			return c.units
		}
	}
	// "几个小时": 个 before a named unit counts that unit
	if u := unitPrefix(strings.TrimPrefix(string(after), "个")); u != "" && strings.HasPrefix(string(after), "个") {
		return sameUnits(u)
	}
	// "占全长多少", "占了几成": a share
	if strings.Contains(string([]rune(q.Norm)[:q.QPos]), "占") && unitPrefix(string(after)) == "" &&
		!measureWordAt(q, after) {
		return levelUnitsWords
	}
	// (多少个楼道: 个 is the measure; 楼 starts the noun)
	if measureWordAt(q, after) && !endsWithMeasure(q.QWord) {
		if after[0] == '个' {
			return genericMeasures // "几个项目" may be counted "12项"
		}
		if strings.ContainsRune(peopleMeasures, after[0]) {
			return levelUnitsWords2 // "多少人参加" by "60余名老人"
		}
		return []string{string(after[0])}
	}
	if r := []rune(q.QWord); len(r) > 1 && strings.ContainsRune(measureWords, r[len(r)-1]) && r[len(r)-1] != '个' {
		return []string{string(r[len(r)-1])}
	}
	if strings.HasSuffix(q.QWord, "个") && nounAfter(q, false) != "" && !countsPeople(q) && unitPrefix(string(after)) == "" {
		return genericMeasures // "多少个阅览室": 个 or the measure the text counts them in
	}
	for _, c := range unitClasses {
		if strings.Contains(q.Norm, c.cue) {
			return c.units
		}
	}
	if q.QWord == "多大" && strings.Trim(string(after), "?？。!！呢啊呀 ") == "" && !attributeAsked(q) {
		// "达茂旗有多大": a place's size is its area ("降温幅度有多大" asks the 幅度 instead).
		return levelUnitsWords3
	}
	if countsPeople(q) {
		return peopleUnits
	}
	return nil
}

// The words attributeAsked looks for (lexicon section [attributeAsked]).
var attributeAskedWords = lexicon.Words("attributeAsked")

// attributeAsked reports whether the words before the question word end in a measured attribute
// ("降温幅度有多大", "投资规模多大", "年纪多大"), so that 多大 asks that attribute, not an area.
func attributeAsked(q question) bool {
	before := strings.TrimSuffix(strings.TrimSpace(string([]rune(q.Norm)[:q.QPos])), "有")
	for _, w := range attributeAskedWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// peopleMeasures count people after 多少/几 and stand for one another in the text ("多少人" / "60余名").
var peopleMeasures = lexicon.String("peopleMeasures")

// peopleUnits count people ("2400名学生", "96名教师", "3.8万余户", "430余例").
var peopleUnits = lexicon.Words("peopleUnits")

// countsPeople reports "多少学生", "多少名游客": a number question counting people, named by a noun
// ending in a person suffix.
func countsPeople(q question) bool {
	n := []rune(nounAfter(q, true))
	if len(n) == 0 {
		return false
	}
	return strings.ContainsRune("生员工客者民师手户众", n[len(n)-1])
}

// isDatePart reports a number with unit u at window[start:end] that is part of a date, not a
// duration: the 6月 of "6月15日", the 15日 of "6月15日".
func isDatePart(window string, start, end int, u string) bool {
	rest := window[end+len(u):]
	switch u {
	case "月", "个月":
		// A bare N月 is a calendar month ("每年10月至11月"), a duration only as "N个月" or
		// "N月有余/之久/左右".
		return u == "月" && !hasAnyPrefix(rest, "有余", "之久", "左右", "内", "时间")
	case "日", "天":
		return u == "日" && strings.HasSuffix(window[:start], "月")
	}
	return false
}

// numberUnitRe finds numbers with what follows them, for the unit check.
// 千 and 百 are left to the unit so that "88.6千米" reads as kilometres, not thousands of metres.
// Chinese hundreds and thousands count too ("三百余人", "一千二百名"), and a round figure written
// with its approximation ("近百名", "上千人", "数百位"); a bare 百/千 is not taken for a number.
var numberUnitRe = regexp.MustCompile(lexicon.String("numberUnitRe"))

// hasNumberIn reports whether window holds a number directly followed by one of units ("11.4万人").
func hasNumberIn(window string, units []string) bool {
	for _, loc := range numberUnitRe.FindAllStringIndex(window, -1) {
		if !hasNumeral(window[loc[0]:loc[1]]) {
			continue
		}
		rest := window[loc[1]:]
		for _, u := range units {
			if strings.HasPrefix(rest, u) && !(u == "年" && isYear(window[loc[0]:loc[1]])) {
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

// titles are specific offices; 谁 asked of one ("包头市的市长是谁") needs that office in the answer.
var titles = lexicon.Words("titles")

// askedTitle is the title a person question asks about, "" when none.
func askedTitle(q question) string {
	if q.Type != qtPerson {
		return ""
	}
	for _, t := range titles {
		if strings.Contains(q.Norm, t) {
			return t
		}
	}
	return ""
}

// askedNoun is the noun right after 什么/哪些/哪个/哪家… (什么特产 → 特产), "" when none.
func askedNoun(q question) string {
	if q.QPos < 0 || q.Type == qtNumber || q.Type == qtDate || q.Type == qtHow || q.Type == qtYesNo {
		return ""
	}
	after := []rune(q.Norm)[q.QPos+runeLen(q.QWord):]
	var noun []rune
	for _, r := range after {
		if !isHan(r) || isStopRune(r) || len(noun) == 2 {
			break
		}
		noun = append(noun, r)
	}
	if len(noun) < 2 || abstractNouns[string(noun)] {
		return ""
	}
	return string(noun)
}

// abstractNouns name a kind of answer rather than a word the text would repeat: 什么职务 is
// answered by "区长", 哪个单位 by "全国人大办公厅信访局".
var abstractNouns = lexicon.Set("abstractNouns")

// checkUnits: a number question with a known measure needs a number in that unit, close to the
// question's words (a quantity sits next to what it measures: "边境线长88.6千米" does not say how
// far 达茂旗 is from 武进), with a money cue right by it ("全程票价2元", not "总投资约86亿元" for
// 票价), and a qualified measure's qualifier before it ("常住人口172.41万人"; "机收面积达12.6万亩"
// does not give the 种植面积).
func checkUnits(q question, window, _ string) string {
	units := expectedUnits(q)
	if units == nil || asksFrequency(q) && frequencyRe.MatchString(window) {
		return "" // (a rate answers "多久一班": "每周一班")
	}
	if slices.Contains(units, "天") && dateRangeRe.MatchString(window) {
		return "" // "持续几天" by "12月6日至7日"
	}
	if len(units) == 1 && units[0] == "元" && containsAnyOf(window, freeWords) && !strings.Contains(q.Norm, "自费") &&
		sharesBigram(firstOr(runsOf(q.Norm, q.QWord)), window) {
		return "" // "体检要交多少钱" by "…可免费体检"
	}
	cue := unitCue(q)
	var quals []string
	for _, run := range runsOf(q.Norm, q.QWord) {
		// The qualifier is what stands before the measure: "常住" of "武进常住人口".
		if i := strings.Index(run, cue); cue != "" && i > 0 {
			if qual := withoutNamedPlace(run[:i], window); qual != "" {
				quals = append(quals, qual)
			}
		}
	}
	money := len(units) == 1 && units[0] == "元"
	// A unit the question names itself (几分钟, 多少公里) that only one number of the window carries
	// leaves no doubt which number is meant, however far the question's words ("邱阿姨…说：“…现在走5
	// 分钟就能…”").
	if measureAfter(q) && countNumbersIn(window, units) == 1 && cue == "" && !asksDistance(q) &&
		(len(units) == 1 || unitPrefix(string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):])) != "") {
		return ""
	}
	for _, loc := range numberUnitRe.FindAllStringIndex(window, -1) {
		if !hasNumeral(window[loc[0]:loc[1]]) {
			continue
		}
		for _, u := range units {
			if !strings.HasPrefix(window[loc[1]:], u) || u == "年" && isYear(window[loc[0]:loc[1]]) ||
				isDatePart(window, loc[0], loc[1], u) {
				continue
			}
			if asksDuration(q) && durationModifierRe.MatchString(window[loc[1]+len(u):]) &&
				containsAnyOf(lastRunes(window[:loc[0]], 3), ageMarkers) {
				continue // "使用15年以上的老旧电梯" is the lifts' age, not how long the work takes
			}
			// "几个项目" counted in 项 must be about 项目 ("项目包括…等12项"), not "6座车站" for 出入口,
			// and "多少个阅览室" not by "一个可容纳120人的夜读区".
			if len(units) > 1 && units[0] == "个" {
				noun := nounAfter(q, true)
				clause := clauseBefore(window, loc[0]) + clauseAfter(window, loc[1])
				if runeLen(noun) >= 2 && !strings.Contains(clause, lastRunes(noun, 2)) && !strings.Contains(clause, string([]rune(noun)[:2])) {
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

// withoutNamedPlace drops from a measure's qualifier a leading place name that window writes:
// "达茂旗" of "达茂旗人口" names whose population it is, and the sentence may name it far from the
// number ("达茂旗是…,总人口11.4万人"); "常住" of "武进区常住人口" stays a qualifier.
func withoutNamedPlace(qual, window string) string {
	rs := []rune(qual)
	for k := len(rs) - 1; k >= 2; k-- {
		if strings.ContainsRune(placeSuffixRunes, rs[k]) && strings.Contains(window, string(rs[:k+1])) {
			return string(rs[k+1:])
		}
	}
	return qual
}

// fitsNumber judges the words around one number (before and after it) against the question.
func fitsNumber(q question, cue string, quals []string, money bool, before, after string) bool {
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
	if asksDistance(q) && !containsAnyOf(lastRunes(before, 16), distanceCues) {
		return false
	}
	if money && cue != "" && !strings.Contains(before, cue) && !strings.Contains(after, cue) {
		return false
	}
	// "一份午餐多少钱" is not told by "每餐3元补贴": the sum is named as another kind of money.
	if money && cue == "" {
		for _, w := range moneyNouns {
			named := strings.HasPrefix(after, w) || strings.HasSuffix(strings.TrimRight(before, "约为达共计"), w)
			if named && !strings.Contains(q.Norm, w) && !paraphraseOf(q, w) {
				return false
			}
		}
	}
	// What building something cost ("停车库花了多少钱建的") is not told by a fee ("收费标准为首小时5元").
	if money && containsAnyOf(q.Norm, costWords) && containsAnyOf(lastRunes(before, 10), feeWords) {
		return false
	}
	// A named fee or price ("住宿费每学期多少钱") is told by that fee, not by an investment.
	if fee := feeRe.FindString(q.Norm); money && cue == "" && fee != "" {
		tail := lastRunes(fee, 2)
		if !strings.Contains(before, tail) && !strings.Contains(after, tail) {
			return false
		}
	}
	for _, qual := range quals {
		// The qualifier's end, right by the measure: "总人口", "常住人口"; not "机收面积" for 种植总面积.
		// A long one is the reader's phrasing ("老人吃一顿饭补贴"), no qualifier the text repeats.
		qr := []rune(qual)
		if len(qr) > 4 && !strings.ContainsRune("总均全净常新累", qr[len(qr)-1]) {
			continue
		}
		last := string(qr[len(qr)-1:])
		if len(qr) >= 2 {
			last = string(qr[len(qr)-2:])
		}
		if !strings.Contains(before, last) && !strings.Contains(before, string(qr[len(qr)-1])+cue) {
			return false
		}
	}
	return true
}

// unitsFromQuestionWord reports units that come from the question word or a generic cue
// (多少钱, 多久, 多长时间) rather than from a measure the question names.
func unitsFromQuestionWord(q question) bool {
	if measureAfter(q) || unitCue(q) != "" {
		return false
	}
	if q.QWord == "多大" {
		return true // "达茂旗多大": the area is read off 多大 alone
	}
	for _, c := range unitClasses {
		if strings.Contains(q.Norm, c.cue) {
			return true
		}
	}
	return false
}

// unitCue is the measure noun of a number question (面积, 人口…), "" when none.
func unitCue(q question) string {
	if q.Type != qtNumber {
		return ""
	}
	for _, c := range unitClasses {
		// A cue made of the question word ("多少钱", "几成", "占多少") names no measure noun.
		if isHan([]rune(c.cue)[0]) && !strings.HasPrefix(c.cue, "多") && !strings.Contains(c.cue, "多少") && c.cue != "几成" &&
			strings.Contains(q.Norm, c.cue) {
			return c.cue
		}
	}
	return ""
}

// checkAttribute: what a number or 是什么 question asks about must be in the window: the run right
// before the question word ("新能源并网规模是多少", "口号是什么"), the noun after it ("多少员工"),
// the event of a date question ("什么时候开工").
func checkAttribute(q question, window, _ string) string {
	var need []string
	switch q.Type {
	case qtNumber:
		measured := measureAfter(q)
		// (not when a counted noun follows the question word: "能带来多少就业岗位" names its
		// measure after 多少, and 带来 is the reader's verb)
		counted := !measured && nounAfter(q, true) != "" && !attributeAfterDe(q) && !countsPeople(q)
		if !counted && (expectedUnits(q) == nil || measured && attributeAfterDe(q) || !measured && countsPeople(q)) {
			// "新能源并网规模是多少", "公交的司机有多少名"
			need = append(need, attributeBefore(q))
		}
		if n := nounAfter(q, true); n != "" && !asksFrequency(q) {
			if !measured {
				need = append(need, n) // "多少员工": the noun itself is what is counted
			} else if qualifierMissing(n, window) {
				// "多少个博士岗位" against "岗位1.8万个": the qualifier is missing; an entirely
				// unnamed noun ("种了多少亩水稻" / "种了460亩") is implied.
				return "nothing of " + n
			}
		}
	case qtWhat:
		if askedNoun(q) == "" && endsWithQuestionWord(q) && attributeAfterDe(q) {
			need = append(need, attributeBefore(q))
		}
	case qtPerson:
		// "展演的评委有哪些人": a role a list of people is asked for must be told (评委); a generic
		// one (领导, 老人) is described in other words ("区领导" is a "区委常委、宣传部部长").
		if a := attributeBefore(q); q.QWord != "谁" && attributeAfterDe(q) && runeLen(a) == 2 && !abstractNouns[a] &&
			!genericPeople[a] && askedTitle(q) == "" && !sharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	case qtOrg, qtPlace:
		// "运动会的冠军是哪个乡镇": the role (冠军) must be told, or a paraphrase of it (第一名).
		if a := attributeBefore(q); determiners[q.QWord] && attributeAfterDe(q) && !abstractNouns[a] && askedTitle(q) == "" &&
			!sharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	case qtDate:
		// The event asked about, loosely: "什么时候插完" is answered by "…前完成晚稻栽插".
		if ev := nounAfter(q, false); ev != "" && !abstractNouns[ev] && !sharesBigram(ev, window) && !paraphraseIn(q, ev, window) &&
			!(asksUntil(q) && untilDateRe.MatchString(window)) {
			return "nothing of " + ev
		}
	}
	for _, a := range need {
		if runeLen(a) >= 2 && !abstractNouns[a] && !sharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	}
	return ""
}

// measureAfter reports a measure word or unit right after the question word (多少亩, 几个).
func measureAfter(q question) bool {
	if q.QPos < 0 {
		return false
	}
	after := string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):])
	return unitPrefix(after) != "" || measureWordAt(q, []rune(after)) ||
		strings.ContainsRune(measureWords, []rune(q.QWord)[runeLen(q.QWord)-1])
}

// attributeAfterDe reports "…的X" right before the question word ("公交的司机有多少名",
// "消防宣传月的口号是什么"): X is then a noun the answer must name.
func attributeAfterDe(q question) bool {
	a := attributeBefore(q)
	if a == "" {
		return false
	}
	left := strings.TrimRight(string([]rune(q.Norm)[:q.QPos]), trailingLight)
	return strings.HasSuffix(left, "的"+a)
}

// endsWithQuestionWord reports a question that ends with its question word ("…是什么？").
func endsWithQuestionWord(q question) bool {
	if q.QPos < 0 {
		return false
	}
	after := string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):])
	return strings.TrimFunc(after, func(r rune) bool { return isPunctOrSpace(r) || strings.ContainsRune("呢吗呀啊", r) }) == ""
}

// qualifierMissing reports a run whose first bigram (its qualifier, 博士 in 博士岗位) is not in text
// while a later one is: the text names the thing but not the kind asked for.
func qualifierMissing(run, text string) bool {
	rs := []rune(run)
	if len(rs) < 3 || strings.Contains(text, string(rs[:2])) {
		return false
	}
	return sharesBigram(string(rs[1:]), text)
}

// checkTypedAnswer: numbers, dates and people must be in the window at all.
func checkTypedAnswer(q question, window, _ string) string {
	switch q.Type {
	case qtNumber, qtDate, qtPerson:
		// 谁 asked of a contest's result ("谁拿了冠军") may be answered by a team or an organisation.
		teamAnswer := q.Type == qtPerson && (asksWinner(q) || asksPair(q) || agentRole(q) != "") && orgRe.MatchString(window)
		if !hasTyped(q.Type, window) && !(q.Type == qtPerson && isBylineQuestion(q)) && !teamAnswer && !restatesRole(q, window) {
			return "no " + q.Type.String()
		}
		if q.Type == qtDate && asksClock(q) && !clockRe.MatchString(window) {
			return "no time of day" // "几点开放" is not told by "3月10日…建成开放"
		}
	}
	return ""
}

// checkTitle: 谁 asked of a specific office needs that office (not its deputy: 书记 ≠ 副书记).
func checkTitle(q question, window, _ string) string {
	t := askedTitle(q)
	if t == "" || t == "记者" || t == "摄影" {
		return ""
	}
	if why := checkCommittee(q, t, window); why != "" {
		return why
	}
	for i := strings.Index(window, t); i >= 0; {
		if strings.HasPrefix(t, "副") || strings.Contains(q.Norm, "副"+t) || !strings.HasSuffix(window[:i], "副") {
			return ""
		}
		next := strings.Index(window[i+len(t):], t)
		if next < 0 {
			break
		}
		i += len(t) + next
	}
	return "no " + t
}

// checkCommittee: an office of a named committee ("西堰区委书记") is held by the person titled with
// that committee, not by one of another committee ending alike ("团区委书记", "村党委书记"): the
// committee (区委) must stand before the title, and what stands before it must be the question's
// place or nothing.
func checkCommittee(q question, title, window string) string {
	qr := []rune(q.Norm)
	at := strings.Index(q.Norm, title)
	pos := runeLen(q.Norm[:at])
	if pos < 2 || qr[pos-1] != '委' || !isHan(qr[pos-2]) {
		return ""
	}
	office := string(qr[pos-2:pos]) + title
	var before rune
	if pos > 2 {
		before = qr[pos-3]
	}
	for i := strings.Index(window, office); i >= 0; {
		w, _ := utf8.DecodeLastRuneInString(window[:i])
		if i == 0 || !isHan(w) || w == before {
			return ""
		}
		next := strings.Index(window[i+len(office):], office)
		if next < 0 {
			break
		}
		i += len(office) + next
	}
	return "no " + office + " of the question's committee"
}

// checkNoun: 什么特产 needs something of 特产. A longer noun phrase is satisfied by its head too,
// its last two characters ("哪些猕猴桃品种" by "…3个主栽品种", the fruit being the headline's).
func checkNoun(q question, window, _ string) string {
	if placeWords[q.QWord] {
		// "开幕式在哪里举行" is told by "…在县体育中心开幕": the ceremony's act names it, and
		// "闭幕式在哪里举行" is not told by a sentence about the opening.
		if stem := ceremonyStem(q); stem != "" {
			if strings.Contains(window, stem) || paraphraseIn(q, stem, window) {
				return ""
			}
			return "nothing of " + stem
		}
		if holdVerbs[askedNoun(q)] && eventAtPlaceRe.MatchString(window) {
			return "" // "竹编大赛在哪举行的" by "…大赛在溪口镇竹艺小镇落下帷幕"
		}
	}
	n := askedNoun(q)
	if one := askedOneCharNoun(q); n == "" && one != "" && !strings.Contains(window, one) {
		return "nothing of " + one // "罗一鸣是哪个班的" is not told by "高二学生罗一鸣"
	}
	if n == "" || strings.ContainsAny(window, n) || paraphraseIn(q, n, window) {
		return ""
	}
	if head := askedHead(q); head != "" && strings.Contains(window, head) {
		return ""
	}
	return "nothing of " + n
}

// askedHead is the head (last two characters) of a noun phrase of three or more characters after
// 什么/哪些/哪个 ("哪些猕猴桃品种" → "品种"), "" when none.
func askedHead(q question) string {
	if askedNoun(q) == "" {
		return ""
	}
	noun := []rune(nounAfter(q, false))
	if len(noun) < 3 {
		return ""
	}
	return string(noun[len(noun)-2:])
}

// checkNumbersNamed: numbers the question names (2025年, 第33个) must be in the window or headline.
func checkNumbersNamed(q question, window, headline string) string {
	// Dates are left out: "11月8日的报纸上…" names the edition, not a fact of the answer.
	for _, run := range contentRuns(dateRe.ReplaceAllString(q.Norm, " ")) {
		if run[0] >= '0' && run[0] <= '9' && !strings.Contains(window, run) && !strings.Contains(headline, run) {
			return "no " + run
		}
	}
	return ""
}

// yearRe is a year standing alone, not the start of a full date ("2030年世界杯", not "2024年11月8日").
var yearRe = regexp.MustCompile(lexicon.String("yearRe"))

// checkYearsNamed: a year the question names on its own ("2030年世界杯在哪里举办") is a fact the
// article must hold somewhere (the answer sentence may say 今年): an article about another year
// does not answer it. A full date names the edition, so it is left to the date filter.
func checkYearsNamed(q question, article string) string {
	if why := checkHolidayNamed(q, article); why != "" {
		return why
	}
	for _, loc := range yearRe.FindAllStringIndex(q.Norm, -1) {
		rest := q.Norm[loc[1]:]
		if len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
			continue // 2024年11月…: a date
		}
		year := q.Norm[loc[0] : loc[0]+4]
		if !strings.Contains(fold(article), year) {
			return "the article does not mention " + year
		}
	}
	return ""
}

// attributeBefore is the content run right before the question word ("新能源并网规模是多少" →
// "新能源并网规模"), "" when none.
func attributeBefore(q question) string { return numberAttribute(q) }

// nounAfter is the content run right after the question word, past a measure word when measure
// ("多少个学员小组" → "学员小组", "什么时候开工" → "开工"), "" when none.
func nounAfter(q question, measure bool) string {
	if q.QPos < 0 {
		return ""
	}
	after := []rune(q.Norm)[q.QPos+runeLen(q.QWord):]
	if measure && measureWordAt(q, after) {
		after = after[1:]
	}
	if u := unitPrefix(string(after)); measure && u != "" {
		after = after[runeLen(u):]
	}
	var noun []rune
	for i, r := range after {
		if !isHan(r) || stopsAt(after, i) {
			break
		}
		noun = append(noun, r)
	}
	if len(noun) < 2 {
		return ""
	}
	return string(noun)
}

// numberAttribute is the content run right before a number question's question word, what it
// measures ("新能源并网规模是多少" → "新能源并网规模"), "" when none.
func numberAttribute(q question) string {
	if q.QPos < 0 {
		return ""
	}
	left := string([]rune(q.Norm)[:q.QPos])
	runs := runsOf(left, "")
	if len(runs) == 0 || !strings.HasSuffix(strings.TrimRight(left, trailingLight), runs[len(runs)-1]) {
		return ""
	}
	return runs[len(runs)-1]
}

// sharesBigram reports whether some character bigram of run occurs in text (a one-character run:
// the character).
func sharesBigram(run, text string) bool {
	rs := []rune(run)
	if len(rs) == 1 {
		return strings.Contains(text, run)
	}
	for i := 0; i+1 < len(rs); i++ {
		if strings.Contains(text, string(rs[i:i+2])) {
			return true
		}
	}
	return false
}

// unitSpan finds, in sentence s, the number carrying one of units closest after a question term;
// rune offsets.
func unitSpan(s string, units []string, terms []term) (int, int, bool) {
	locs := numberUnitRe.FindAllStringIndex(s, -1)
	const noNumber = 1 << 30
	bestStart, bestEnd, bestDist := 0, 0, noNumber
	for _, loc := range locs {
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
		ctxStart, ctxEnd := max(0, loc[0]-36), min(len(s), loc[1]+len(unit)+18)
		// A measured thing is written before its number ("比计划提前4个月"): words after it count half.
		near := 0
		for _, t := range terms {
			if unitPrefix(t.Text) == t.Text {
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
	return runeLen(s[:bestStart]), runeLen(s[:end]), true
}

// winnerCues mark a question about a contest's result, which teams and organisations win too.
var winnerCues = lexicon.Words("winnerCues")

func asksWinner(q question) bool {
	for _, c := range winnerCues {
		if strings.Contains(q.Norm, c) {
			return true
		}
	}
	return false
}

// distanceCues tell a distance between places.
var distanceCues = lexicon.Words("distanceCues")

// The words asksDistance looks for (lexicon section [asksDistance]).
var asksDistanceWords = lexicon.Words("asksDistance")

// asksDistance reports a question for the distance between two places.
func asksDistance(q question) bool {
	return q.Type == qtNumber && containsAnyOf(q.Norm, asksDistanceWords)
}

func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// lastRunes is the last n runes of s.
func lastRunes(s string, n int) string {
	rs := []rune(s)
	return string(rs[max(0, len(rs)-n):])
}

// feeRe finds a named fee or price in a money question: 住宿费, 门票价, 学费.
var feeRe = regexp.MustCompile(lexicon.String("feeRe"))

// orgNouns name the kind of agent a question asks for (哪个单位, 哪家公司).
var orgNouns = lexicon.Words("orgNouns")

// agentRole is the act whose doer a question asks for: "哪个单位主办的" → "主办", "施工单位是哪家"
// → "施工", "谁宣布运动会开幕" → "宣布"; "" when the question names none.
func agentRole(q question) string {
	if q.QPos < 0 {
		return ""
	}
	switch q.Type {
	case qtPerson:
		if isBylineQuestion(q) || asksWinner(q) {
			return ""
		}
	case qtOrg, qtList, qtWhat:
	default:
		return ""
	}
	rest := strings.TrimPrefix(string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):]), "个")
	if q.Type == qtPerson {
		rest = strings.TrimLeft(rest, "在来是负")
		rest = strings.TrimPrefix(rest, "责") // "谁在经营", "谁来负责"
		if strings.HasPrefix(string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):]), "负责") {
			rest = "负责" + rest
		}
	}
	named := q.Type == qtPerson
	for _, n := range orgNouns {
		// "哪家公司", "哪家建筑公司": the kind, possibly qualified, then the act
		if i := strings.Index(rest, n); i >= 0 && runeLen(rest[:i]) <= 3 && !strings.ContainsFunc(rest[:i], isStopRune) {
			rest, named = rest[i+len(n):], true
			break
		}
	}
	if named {
		act := firstRun(rest)
		if lightVerbs[act] || runeLen(act) == 1 && strings.HasPrefix(strings.TrimPrefix(rest, act), "了") {
			// "谁作了…的汇报": the act is the object the light verb takes
			if runs := contentRuns(rest); len(runs) > 0 {
				if act = runs[len(runs)-1]; runeLen(act) >= 2 && !abstractNouns[act] {
					return lastRunes(act, 2)
				}
			}
			return ""
		}
		if runeLen(act) >= 2 && !abstractNouns[act] {
			if q.QWord == "谁" {
				return string([]rune(act)[:2]) // the verb opens the run: "谁负责这个项目" → 负责
			}
			return lastRunes(act, 2) // after a role: "哪位县领导出席" → 出席
		}
	}
	if q.Type == qtOrg && endsWithQuestionWord(q) {
		// "…的施工单位是哪家": the act is the attribute's qualifier.
		attr := attributeBefore(q)
		for _, n := range orgNouns {
			if act := strings.TrimSuffix(attr, n); act != attr && runeLen(act) >= 2 {
				return lastRunes(act, 2)
			}
		}
	}
	return ""
}

// firstRun is the leading run of content characters of s (up to a stop character).
func firstRun(s string) string {
	var out []rune
	for _, r := range s {
		if !isHan(r) || isStopRune(r) {
			break
		}
		out = append(out, r)
	}
	return string(out)
}

// checkAgentRole: a question for who did something ("采摘节是哪个单位主办的") is answered by a
// sentence telling that act ("由市商务局…共同主办"), not by one naming the event ("采摘节将于9月28日在
// 双河镇开幕"): a page that never says who organised it does not answer.
func checkAgentRole(q question, window, _ string) string {
	act := agentRole(q)
	if act == "" || sharesBigram(act, window) {
		return ""
	}
	for _, t := range q.Terms {
		if len(t.Alts) > 0 && strings.Contains(act, t.Text) && t.in(window) {
			return ""
		}
	}
	return "nothing of " + act
}

// restatesRole reports "X是谁" asked of a role that is no office (我市第一大贸易伙伴, 主办方) and
// that window writes whole: the one holding it may be a country, a bloc or a firm, not a person
// ("东盟继续保持我市第一大贸易伙伴地位").
func restatesRole(q question, window string) bool {
	if q.Type != qtPerson || askedTitle(q) != "" {
		return false
	}
	role := attributeBefore(q)
	return runeLen(role) >= 3 && strings.Contains(window, role)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// clauseBefore is the part of window's comma clause before byte offset at ("并在二楼…" before
// "夜读区" lies in one clause however long).
func clauseBefore(window string, at int) string {
	return window[strings.LastIndexAny(window[:at], ",，;；。:：!！?？")+1 : at]
}

// clauseAfter is the part of window's comma clause from byte offset at.
func clauseAfter(window string, at int) string {
	rest := window[at:]
	if i := strings.IndexAny(rest, ",，;；。:：!！?？"); i >= 0 {
		return rest[:i]
	}
	return rest
}

// paraphraseIn reports whether window holds a paraphrase of a question term inside run.
func paraphraseIn(q question, run, window string) bool {
	for _, t := range q.Terms {
		if len(t.Alts) > 0 && strings.Contains(run, t.Text) && t.in(window) {
			return true
		}
	}
	return false
}

// moneyNouns name kinds of money a sum may be ("3元补贴", "1000元环境改善基金").
var moneyNouns = lexicon.Words("moneyNouns")

// endsWithMeasure reports a question word ending in a measure word (多少个, 几个).
func endsWithMeasure(qword string) bool {
	r := []rune(qword)
	return len(r) > 1 && strings.ContainsRune(measureWords, r[len(r)-1])
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
				!(u == "年" && isYear(window[loc[0]:loc[1]])) {
				n++
				break
			}
		}
	}
	return n
}

// paraphraseOf reports w as a paraphrase of one of q's terms ("投资" of "花了").
func paraphraseOf(q question, w string) bool {
	for _, t := range q.Terms {
		if slices.Contains(t.Alts, w) {
			return true
		}
	}
	return false
}

// placeWords ask where by themselves; what follows them is a verb, not a noun.
var placeWords = lexicon.Set("placeWords")

// holdVerbs ask where an event is held without naming one of its acts.
var holdVerbs = lexicon.Set("holdVerbs")

// eventAtPlaceRe is an event's act at a place, which tells where the event was held: "在X开幕",
// "在X落下帷幕" (an event ends where it was held).
var eventAtPlaceRe = regexp.MustCompile(lexicon.String("eventAtPlaceRe"))

// The words ceremonyStem looks for (lexicon section [ceremonyStem]).
var ceremonyStemWords = lexicon.Words("ceremonyStem")

// ceremonyStem is the act a ceremony before a place question's question word is named after
// ("运动会开幕式在哪里举行" → "开幕"), "" when the question names no ceremony.
func ceremonyStem(q question) string {
	a := attributeBefore(q)
	for _, suffix := range ceremonyStemWords {
		if stem := strings.TrimSuffix(a, suffix); stem != a && runeLen(stem) >= 2 {
			return lastRunes(stem, 2)
		}
	}
	return ""
}

// lightVerbs carry no act of their own: "作了…汇报", "进行了…检查".
var lightVerbs = lexicon.Set("lightVerbs")

// dateRangeRe is a period written as its first and last days ("12月6日至7日", "3月1日-5日").
var dateRangeRe = regexp.MustCompile(lexicon.String("dateRangeRe"))

// The words checkOrigin looks for (lexicon section [checkOrigin]).
var checkOriginWords = lexicon.Words("checkOrigin")

// checkOrigin: "华拓新能源是哪里的企业" asks where a firm or a person comes from, which the text
// tells with 来自, 总部 or 籍贯; a sentence merely naming the firm does not.
func checkOrigin(q question, window, _ string) string {
	if q.Type != qtPlace || (q.QWord != "哪里" && q.QWord != "哪儿") {
		return ""
	}
	if after := string([]rune(q.Norm)[q.QPos+runeLen(q.QWord):]); !strings.HasPrefix(after, "的") && !strings.HasPrefix(after, "人") {
		return "" // "哪里的企业", "是哪里人"
	}
	if containsAnyOf(window, checkOriginWords) {
		return ""
	}
	return "nothing tells where it comes from"
}

// freeWords say that something costs nothing.
var freeWords = lexicon.Words("freeWords")

// genericMeasures count things 个 may stand for in a question ("几个项目" / "12项").
var genericMeasures = lexicon.Words("genericMeasures")

// checkRoleQualifier: "托管班的书法老师是谁" is not answered by "授课老师主要来自…": a role qualified
// by what it does (书法老师, 营养顾问) needs that qualifier told.
func checkRoleQualifier(q question, window, _ string) string {
	if q.Type != qtPerson || askedTitle(q) != "" || !endsWithQuestionWord(q) {
		return ""
	}
	role := strings.TrimSuffix(attributeBefore(q), "叫") // "传承人叫什么"
	if runeLen(role) < 4 || strings.Contains(window, role) || !strings.Contains(window, lastRunes(role, 2)) {
		return ""
	}
	// The qualifier may be told in the text's longer name: "丰禾合作社理事长" by "丰禾水稻种植专业
	// 合作社理事长高德福".
	qual := string([]rune(role)[:runeLen(role)-2])
	if i := strings.LastIndex(qual, "的"); i >= 0 {
		qual = qual[i+len("的"):] // "托管班的书法老师": 书法 qualifies the teacher
	}
	if runeLen(qual) >= 2 && !qualifiedInPlace(window, qual, lastRunes(role, 2)) {
		return "nothing of " + string([]rune(qual)[:2])
	}
	return ""
}

// qualifiedInPlace reports a noun of window (老师, 事长) written with the qualifier in the words
// right before it, in one phrase: "丰禾水稻种植专业合作社理事长" qualifies the chairman as
// 丰禾合作社's, "托管班授课老师" does not make a 书法老师.
func qualifiedInPlace(window, qual, noun string) bool {
	for i := strings.Index(window, noun); i >= 0; {
		before := []rune(window[:i])
		j := len(before)
		// (over quotation marks: "“桃溪剪纸”代表性传承人")
		for j > 0 && len(before)-j < 16 && (isHan(before[j-1]) || isOpenQuote(before[j-1]) || isCloseQuote(before[j-1])) {
			j--
		}
		if holdsRun(string(before[j:]), qual) {
			return true
		}
		next := strings.Index(window[i+len(noun):], noun)
		if next < 0 {
			return false
		}
		i += len(noun) + next
	}
	return false
}

// measureWordAt reports a measure word opening after (the words after a question word) that is
// not the first character of a noun: "多少名学生" counts in 名, "多少名额" asks the 名额.
func measureWordAt(q question, after []rune) bool {
	if len(after) == 0 || !measureAfterQuestionWord(q, after[0]) {
		return false
	}
	return len(after) < 2 || !measureLedNouns[string(after[:2])]
}

// measureLedNouns are nouns that start with a measure word's character.
var measureLedNouns = lexicon.Set("measureLedNouns")

// genericPeople are words for people the text may name in other words.
var genericPeople = lexicon.Set("genericPeople")

// The word lists checkWinnerTold looks for (lexicon sections [checkWinnerTold], [checkWinnerTold.2]…).
var (
	checkWinnerToldWords  = lexicon.Words("checkWinnerTold")
	checkWinnerToldWords2 = lexicon.Words("checkWinnerTold.2")
)

// checkWinnerTold: "山歌擂台赛的冠军是谁" needs a result told (冠军, 第一名, 获胜…), not any person of
// the contest's article.
func checkWinnerTold(q question, window, _ string) string {
	// (asksWinner's 第一/第二 would take "第二水厂" for a result)
	if !containsAnyOf(q.Norm, checkWinnerToldWords) ||
		q.Type != qtPerson && q.Type != qtOrg && q.Type != qtPlace && q.Type != qtWhat {
		return ""
	}
	if containsAnyOf(window, winnerResults) || containsAnyOf(window, checkWinnerToldWords2) {
		return ""
	}
	return "no result told"
}

// rankWords are the places of a contest, each with the words that name it.
var rankWords = lexicon.Groups("rankWords")

// checkRankNamed: "竹编大赛二等奖是谁" is not answered by the winners of 一等奖 told beside it: a
// place the question names must be told in some of its words.
func checkRankNamed(q question, window, _ string) string {
	for _, words := range rankWords {
		if containsAnyOf(q.Norm, words) && !containsAnyOf(window, words) {
			return "no " + words[0]
		}
	}
	return ""
}

// dayParts are the parts of a day, each with the words that name it.
var dayParts = lexicon.Groups("dayParts")

// checkDayPart: "廊道白天几点开放" is not told by "夜间开放至22时": a part of the day the question
// names is contradicted by a window naming only other parts.
func checkDayPart(q question, window, _ string) string {
	for i, words := range dayParts {
		if !containsAnyOf(q.Norm, words) || containsAnyOf(window, words) {
			continue
		}
		for j, other := range dayParts {
			if j != i && containsAnyOf(window, other) {
				return "told of " + other[0] + ", not " + words[0]
			}
		}
	}
	return ""
}

// holidays are the named holidays and festivals a question may date its figure by.
var holidays = lexicon.Words("holidays")

// checkHolidayNamed: "五一假期接待多少游客" is not answered by an article about the 清明 holiday: a
// holiday the question names must be in the article.
func checkHolidayNamed(q question, article string) string {
	for _, h := range holidays {
		if strings.Contains(q.Norm, h) && !strings.Contains(article, h) {
			return "the article does not mention " + h
		}
	}
	return ""
}

// asksDuration reports a question for how long something takes (多久, 多长时间).
func asksDuration(q question) bool {
	return q.QWord == "多久" || strings.Contains(q.Norm, "多长时间")
}

// durationModifierRe follows a duration that qualifies a noun ("15年以上的电梯", "30年的老桥"); with
// an age marker before it, the duration is the noun's age ("为期40天的行动" is the act's length).
var durationModifierRe = regexp.MustCompile(lexicon.String("durationModifierRe"))

// ageMarkers tell how old something is: "使用15年以上", "建成30年".
var ageMarkers = lexicon.Words("ageMarkers")

// askedOneCharNoun is the one-character noun a which-question asks for ("哪个班的" → 班), "" when
// none or a place's level (哪个镇 is resolved by the place's name, 哪个省 by 自治区 too).
func askedOneCharNoun(q question) string {
	if q.QPos < 0 || (q.QWord != "哪个" && q.QWord != "哪家" && q.QWord != "哪一个") {
		return ""
	}
	after := []rune(q.Norm)[q.QPos+runeLen(q.QWord):]
	if len(after) == 0 || !isHan(after[0]) || isStopRune(after[0]) || strings.ContainsRune(placeSuffixRunes, after[0]) {
		return ""
	}
	if len(after) > 1 && isHan(after[1]) && !isStopRune(after[1]) {
		return "" // a longer noun (哪个单位), read by askedNoun
	}
	return string(after[0])
}

// costWords ask what something cost to build or buy; feeWords tell a price charged for a use.
var (
	costWords = lexicon.Words("costWords")
	feeWords  = lexicon.Words("feeWords")
)
