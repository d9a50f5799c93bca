package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/bot/internal/qdate"
	"regexp"
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

// CheckAttribute: what a number or 是什么 question asks about must be in the window: the run right
// before the question word ("新能源并网规模是多少", "口号是什么"), the noun after it ("多少员工"),
// the event of a date question ("什么时候开工").
func CheckAttribute(q intent.Intent, window, _ string) string {
	var need []string
	switch q.Type {
	case intent.Number:
		measured := measureAfter(q)
		// (not when a counted noun follows the question word: "能带来多少就业岗位" names its
		// measure after 多少, and 带来 is the reader's verb)
		counted := !measured && q.Asked.Counted != "" && !attributeAfterDe(q) && !countsPeople(q)
		if !counted && (ExpectedUnits(q) == nil || measured && attributeAfterDe(q) || !measured && countsPeople(q)) {
			// "新能源并网规模是多少", "公交的司机有多少名"
			need = append(need, attributeBefore(q))
		}
		if n := q.Asked.Counted; n != "" && !AsksFrequency(q) {
			if !measured {
				need = append(need, n) // "多少员工": the noun itself is what is counted
			} else if qualifierMissing(n, window) && !countedThenVerb(q, window) {
				// "多少个博士岗位" against "岗位1.8万个": the qualifier is missing; an entirely
				// unnamed noun ("种了多少亩水稻" / "种了460亩") is implied.
				return "nothing of " + n
			}
		}
	case intent.What:
		if q.Asked.Noun == "" && endsWithQuestionWord(q) && attributeAfterDe(q) {
			need = append(need, attributeBefore(q))
		}
	case intent.Person:
		// "展演的评委有哪些人": a role a list of people is asked for must be told (评委); a generic
		// one (领导, 老人) is described in other words ("区领导" is a "区委常委、宣传部部长").
		if a := attributeBefore(q); q.QWord != intent.QWho && attributeAfterDe(q) && intent.RuneLen(a) == 2 && !intent.AbstractNouns[a] &&
			!genericPeople[a] && AskedTitle(q) == "" && !SharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	case intent.Org, intent.Place:
		// "运动会的冠军是哪个乡镇": the role (冠军) must be told, or a paraphrase of it (第一名).
		if a := attributeBefore(q); intent.Determiners[q.QWord] && attributeAfterDe(q) && !intent.AbstractNouns[a] && AskedTitle(q) == "" &&
			!SharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	case intent.Date:
		// The event asked about, loosely: "什么时候插完" is answered by "…前完成晚稻栽插".
		if ev := WithoutDayPart(q.Asked.Phrase); ev != "" && !intent.AbstractNouns[ev] && !SharesBigram(ev, window) && !paraphraseIn(q, ev, window) &&
			!(AsksUntil(q) && UntilDateRe.MatchString(window)) {
			return "nothing of " + ev
		}
	}
	for _, a := range need {
		if intent.RuneLen(a) >= 2 && !intent.AbstractNouns[a] && !SharesBigram(a, window) && !paraphraseIn(q, a, window) {
			return "nothing of " + a
		}
	}
	return ""
}

// countedThenVerb reports the counted run's first character right after the asked measure word in
// window, with the run's last two characters further on ("多少辆车相撞" against "85辆车连环相撞"):
// the run is a one-character noun and its verb, not a qualified noun whose qualifier is missing.
func countedThenVerb(q intent.Intent, window string) bool {
	n := []rune(q.Asked.Counted)
	measure := strings.TrimSuffix(q.Asked.Phrase, q.Asked.Counted)
	if len(n) < 3 || measure == "" || measure == q.Asked.Phrase {
		return false
	}
	at := strings.Index(window, measure+string(n[0]))
	return at >= 0 && strings.Contains(window[at:], string(n[len(n)-2:]))
}

// qualifierMissing reports a run whose first bigram (its qualifier, 博士 in 博士岗位) is not in text
// while a later one is: the text names the thing but not the kind asked for.
func qualifierMissing(run, text string) bool {
	rs := []rune(run)
	if len(rs) < 3 || strings.Contains(text, string(rs[:2])) {
		return false
	}
	return SharesBigram(string(rs[1:]), text)
}

// CheckTypedAnswer: numbers, dates and people must be in the window at all.
func CheckTypedAnswer(q intent.Intent, window, _ string) string {
	switch q.Type {
	case intent.Number, intent.Date, intent.Person:
		// 谁 asked of a contest's result ("谁拿了冠军") may be answered by a team or an organisation.
		teamAnswer := q.Type == intent.Person && (AsksWinner(q) || AsksPair(q) || agentRole(q) != "") && OrgRe.MatchString(window)
		if !hasTyped(q.Type, window) && !(q.Type == intent.Person && IsBylineQuestion(q)) && !teamAnswer && !restatesRole(q, window) {
			return "no " + q.Type.String()
		}
		if q.Type == intent.Date && AsksClock(q) && !clockRe.MatchString(window) {
			return "no time of day" // "几点开放" is not told by "3月10日…建成开放"
		}
	}
	return ""
}

// CheckTitle: 谁 asked of a specific office needs that office (not its deputy: 书记 ≠ 副书记).
func CheckTitle(q intent.Intent, window, _ string) string {
	t := AskedTitle(q)
	if t == "" || intent.BylineTitles[t] {
		return ""
	}
	if why := checkCommittee(q, t, window); why != "" {
		return why
	}
	for i := strings.Index(window, t); i >= 0; {
		if strings.HasPrefix(t, intent.Deputy) || strings.Contains(q.Norm, intent.Deputy+t) || !strings.HasSuffix(window[:i], intent.Deputy) {
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

// committeeMark ends a committee before a title (区委; lexicon [committeeMark]).
var committeeMark = lexicon.String("committeeMark")

// checkCommittee: an office of a named committee ("西堰区委书记") is held by the person titled with
// that committee, not by one of another committee ending alike ("团区委书记", "村党委书记"): the
// committee (区委) must stand before the title, and what stands before it must be the question's
// place or nothing.
func checkCommittee(q intent.Intent, title, window string) string {
	qr := []rune(q.Norm)
	at := strings.Index(q.Norm, title)
	pos := intent.RuneLen(q.Norm[:at])
	if pos < 2 || !strings.ContainsRune(committeeMark, qr[pos-1]) || !intent.IsHan(qr[pos-2]) {
		return ""
	}
	office := string(qr[pos-2:pos]) + title
	var before rune
	if pos > 2 {
		before = qr[pos-3]
	}
	for i := strings.Index(window, office); i >= 0; {
		w, _ := utf8.DecodeLastRuneInString(window[:i])
		if i == 0 || !intent.IsHan(w) || w == before {
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

// CheckNoun: 什么特产 needs something of 特产. A longer noun phrase is satisfied by its head too,
// its last two characters ("哪些猕猴桃品种" by "…3个主栽品种", the fruit being the headline's).
func CheckNoun(q intent.Intent, window, _ string) string {
	if placeWords[q.QWord] {
		// "开幕式在哪里举行" is told by "…在县体育中心开幕": the ceremony's act names it, and
		// "闭幕式在哪里举行" is not told by a sentence about the opening.
		if stem := ceremonyStem(q); stem != "" {
			if strings.Contains(window, stem) || paraphraseIn(q, stem, window) {
				return ""
			}
			return "nothing of " + stem
		}
		if holdVerbs[q.Asked.Noun] && eventAtPlaceRe.MatchString(window) {
			return "" // "竹编大赛在哪举行的" by "…大赛在溪口镇竹艺小镇落下帷幕"
		}
	}
	n := q.Asked.Noun
	if one := q.Asked.One; n == "" && one != "" && !strings.Contains(window, one) {
		return "nothing of " + one // "罗一鸣是哪个班的" is not told by "高二学生罗一鸣"
	}
	if n == "" || strings.ContainsAny(window, n) || paraphraseIn(q, n, window) {
		return ""
	}
	if head := q.Asked.Head; head != "" && strings.Contains(window, head) {
		return ""
	}
	return "nothing of " + n
}

// CheckNumbersNamed: numbers the question names (2025年, 第33个) must be in the window or headline.
func CheckNumbersNamed(q intent.Intent, window, headline string) string {
	// Dates are left out: "11月8日的报纸上…" names the edition, not a fact of the answer.
	// The first year of a span of years ("2022—2023年冬春航季") is a date too, left to checkYearsNamed.
	for _, run := range intent.ContentRuns(DateRe.ReplaceAllString(yearSpanRe.ReplaceAllString(q.Norm, "$2"), " ")) {
		if run[0] >= '0' && run[0] <= '9' && !strings.Contains(window, run) && !strings.Contains(headline, run) {
			return "no " + run
		}
	}
	return ""
}

// YearRe is a year standing alone, not the start of a full date ("2030年世界杯", not "2024年11月8日").
var YearRe = regexp.MustCompile(lexicon.String("yearRe"))

// CheckYearsNamed: a year the question names on its own ("2030年世界杯在哪里举办") is a fact the
// article must hold somewhere (the answer sentence may say 今年): an article about another year
// does not answer it. A full date names the edition, so it is left to the date filter.
func CheckYearsNamed(q intent.Intent, article, date string) string {
	if why := checkHolidayNamed(q, article, date); why != "" {
		return why
	}
	for _, loc := range YearRe.FindAllStringIndex(q.Norm, -1) {
		rest := q.Norm[loc[1]:]
		if len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
			continue // 2024年11月…: a date
		}
		year := q.Norm[loc[0] : loc[0]+4]
		if !strings.Contains(intent.Fold(article), year) && !rangeStartIn(q.Norm[:loc[0]], article) {
			return "the article does not mention " + year
		}
	}
	return ""
}

// yearRangeStart is the first year of a span of years ending where a year follows ("2022—" of
// "2022—2023年冬春航季").
var yearRangeStart = regexp.MustCompile(lexicon.String("yearRangeStartRe"))

// yearSpanRe is a span of years written with its second year's 年 ("2022—2023年").
var yearSpanRe = regexp.MustCompile(lexicon.String("yearSpanRe"))

// rangeStartIn reports a span of years (before, the question up to its second year) whose first
// year the article mentions: a season or a plan spanning two years is told by either.
func rangeStartIn(before, article string) bool {
	m := yearRangeStart.FindStringSubmatch(before)
	return m != nil && strings.Contains(intent.Fold(article), m[1]+intent.UnitYear)
}

// CheckAgentRole: a question for who did something ("采摘节是哪个单位主办的") is answered by a
// sentence telling that act ("由市商务局…共同主办"), not by one naming the event ("采摘节将于9月28日在
// 双河镇开幕"): a page that never says who organised it does not answer.
func CheckAgentRole(q intent.Intent, window, _ string) string {
	act := agentRole(q)
	if act == "" || SharesBigram(act, window) {
		return ""
	}
	for _, t := range q.Terms {
		if len(t.Alts) > 0 && strings.Contains(act, t.Text) && t.In(window) {
			return ""
		}
	}
	return "nothing of " + act
}

// restatesRole reports "X是谁" asked of a role that is no office (我市第一大贸易伙伴, 主办方) and
// that window writes whole: the one holding it may be a country, a bloc or a firm, not a person
// ("东盟继续保持我市第一大贸易伙伴地位").
func restatesRole(q intent.Intent, window string) bool {
	if q.Type != intent.Person || AskedTitle(q) != "" {
		return false
	}
	role := attributeBefore(q)
	return intent.RuneLen(role) >= 3 && strings.Contains(window, role)
}

// moneyNouns name kinds of money a sum may be ("3元补贴", "1000元环境改善基金").
var moneyNouns = lexicon.Words("moneyNouns")

// eventAtPlaceRe is an event's act at a place, which tells where the event was held: "在X开幕",
// "在X落下帷幕" (an event ends where it was held).
var eventAtPlaceRe = regexp.MustCompile(lexicon.String("eventAtPlaceRe"))

// DateRangeRe is a period written as its first and last days ("12月6日至7日", "3月1日-5日").
var DateRangeRe = regexp.MustCompile(lexicon.String("dateRangeRe"))

// The words checkOrigin looks for (lexicon section [checkOrigin]).
var checkOriginWords = lexicon.Words("checkOrigin")

// CheckOrigin: "华拓新能源是哪里的企业" asks where a firm or a person comes from, which the text
// tells with 来自, 总部 or 籍贯; a sentence merely naming the firm does not.
func CheckOrigin(q intent.Intent, window, _ string) string {
	if q.Type != intent.Place || !whereWords[q.QWord] {
		return ""
	}
	if !HasAnyPrefix(q.After, originAfter...) {
		return "" // "哪里的企业", "是哪里人"
	}
	if ContainsAnyOf(window, checkOriginWords) || orgOfAsked(q, window) {
		return ""
	}
	return "nothing tells where it comes from"
}

// orgOfAsked reports an organisation the question does not name written just before the noun
// asked after 哪里的 ("哪里的研究员" against "成都市农林科学院一群研究员"): the body the people
// belong to tells where they are from.
func orgOfAsked(q intent.Intent, window string) bool {
	after := []rune(strings.TrimPrefix(q.After, "的"))
	if len(after) < 2 || len(after) == len([]rune(q.After)) {
		return false
	}
	noun := string(after[:2])
	for _, loc := range OrgRe.FindAllStringIndex(window, -1) {
		org, rest := window[loc[0]:loc[1]], []rune(window[loc[1]:])
		if len(rest) > 10 {
			rest = rest[:10]
		}
		if !strings.Contains(q.Norm, org) && strings.Contains(string(rest), noun) {
			return true
		}
	}
	return false
}

// originAfter follow a where-question's question word that asks an origin (哪里的, 哪里人; lexicon).
var originAfter = lexicon.Words("originAfter")

// FreeWords say that something costs nothing.
var FreeWords = lexicon.Words("freeWords")

// selfPaidWords say a price is paid by oneself: 免费 does not answer it (lexicon).
var selfPaidWords = lexicon.Words("selfPaidWords")

// CheckRoleQualifier: "托管班的书法老师是谁" is not answered by "授课老师主要来自…": a role qualified
// by what it does (书法老师, 营养顾问) needs that qualifier told.
func CheckRoleQualifier(q intent.Intent, window, _ string) string {
	if q.Type != intent.Person || AskedTitle(q) != "" || !endsWithQuestionWord(q) {
		return ""
	}
	role := strings.TrimSuffix(attributeBefore(q), intent.Called) // "传承人叫什么"
	if intent.RuneLen(role) < 4 || strings.Contains(window, role) || !strings.Contains(window, LastRunes(role, 2)) {
		return ""
	}
	// The qualifier may be told in the text's longer name: "丰禾合作社理事长" by "丰禾水稻种植专业
	// 合作社理事长高德福".
	qual := string([]rune(role)[:intent.RuneLen(role)-2])
	if i := strings.LastIndex(qual, "的"); i >= 0 {
		qual = qual[i+len("的"):] // "托管班的书法老师": 书法 qualifies the teacher
	}
	if intent.RuneLen(qual) >= 2 && !qualifiedInPlace(window, qual, LastRunes(role, 2)) {
		return "nothing of " + string([]rune(qual)[:2])
	}
	return ""
}

// qualifiedInPlace reports a noun of window (老师, 事长) written with the qualifier in the words
// right before it, in one phrase: "丰禾水稻种植专业合作社理事长" qualifies the chairman as
// 丰禾合作社's, "托管班授课老师" does not make a 书法老师.
func qualifiedInPlace(window, qual, noun string) bool {
	return anyOccurrence(window, noun, func(i int) bool {
		before := []rune(window[:i])
		j := len(before)
		// (over quotation marks: "“桃溪剪纸”代表性传承人")
		for j > 0 && len(before)-j < 16 && (intent.IsHan(before[j-1]) || isOpenQuote(before[j-1]) || isCloseQuote(before[j-1])) {
			j--
		}
		return HoldsRun(string(before[j:]), qual)
	})
}

// genericPeople are words for people the text may name in other words.
var genericPeople = lexicon.Set("genericPeople")

// The word lists checkWinnerTold looks for (lexicon sections [checkWinnerTold], [checkWinnerTold.2]…).
var (
	checkWinnerToldWords  = lexicon.Words("checkWinnerTold")
	checkWinnerToldWords2 = lexicon.Words("checkWinnerTold.2")
)

// CheckWinnerTold: "山歌擂台赛的冠军是谁" needs a result told (冠军, 第一名, 获胜…), not any person of
// the contest's article.
func CheckWinnerTold(q intent.Intent, window, _ string) string {
	// (asksWinner's 第一/第二 would take "第二水厂" for a result)
	if !ContainsAnyOf(q.Norm, checkWinnerToldWords) ||
		q.Type != intent.Person && q.Type != intent.Org && q.Type != intent.Place && q.Type != intent.What {
		return ""
	}
	if ContainsAnyOf(window, WinnerResults) || ContainsAnyOf(window, checkWinnerToldWords2) {
		return ""
	}
	return "no result told"
}

// rankWords are the places of a contest, each with the words that name it.
var rankWords = lexicon.Groups("rankWords")

// CheckRankNamed: "竹编大赛二等奖是谁" is not answered by the winners of 一等奖 told beside it: a
// place the question names must be told in some of its words.
func CheckRankNamed(q intent.Intent, window, _ string) string {
	for _, words := range rankWords {
		if ContainsAnyOf(q.Norm, words) && !ContainsAnyOf(window, words) {
			return "no " + words[0]
		}
	}
	return ""
}

// dayParts are the parts of a day, each with the words that name it.
var dayParts = lexicon.Groups("dayParts")

// CheckDayPart: "廊道白天几点开放" is not told by "夜间开放至22时": a part of the day the question
// names is contradicted by a window naming only other parts.
func CheckDayPart(q intent.Intent, window, _ string) string {
	for i, words := range dayParts {
		if !ContainsAnyOf(q.Norm, words) || ContainsAnyOf(window, words) {
			continue
		}
		for j, other := range dayParts {
			if j != i && ContainsAnyOf(window, other) {
				return "told of " + other[0] + ", not " + words[0]
			}
		}
	}
	return ""
}

// WithoutDayPart is an event asked after 哪天 with the part of the day it opens with taken off
// ("哪天晚上办的" asks when 办, the evening being checkDayPart's): "" when nothing of two
// characters is left.
func WithoutDayPart(ev string) string {
	for _, words := range dayParts {
		for _, w := range words {
			if rest, ok := strings.CutPrefix(ev, w); ok {
				if intent.RuneLen(rest) < 2 {
					return ""
				}
				return rest
			}
		}
	}
	return ev
}

// holidays are the named holidays and festivals a question may date its figure by.
var holidays = lexicon.Words("holidays")

// checkHolidayNamed: "五一假期接待多少游客" is not answered by an article about the 清明 holiday: a
// holiday the question names must be in the article.
//
// A holiday is a period of dates: an article dated in it (or the days just after) tells of it
// without writing its name ("国庆期间…" of a report dated 10月3日).
func checkHolidayNamed(q intent.Intent, article, date string) string {
	for _, h := range holidays {
		if strings.Contains(q.Norm, h) && !strings.Contains(article, h) && !qdate.HolidayAgrees(h, date) {
			return "the article does not mention " + h
		}
	}
	return ""
}

// costWords ask what something cost to build or buy; feeWords tell a price charged for a use.
var (
	costWords = lexicon.Words("costWords")
	feeWords  = lexicon.Words("feeWords")
)

// whereWords ask where (哪里, 哪儿) rather than which place of a kind.
var whereWords = lexicon.Set("whereWords")
