package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"slices"
	"strings"

	"newsbot/lexicon"
)

// What a question wants beyond its question word's type: the head noun of 什么X ("什么车" wants a
// noun phrase ending in 车), the end of a period for "到什么时候", and the statistic a number
// question names (平均 is not 最高).

// phraseBreakRunes end a noun phrase read backwards from its head: particles and light verbs
// (fewer than stopRunes: 能 of 新能源 and 有 of 有机 belong to nouns).
var phraseBreakRunes = lexicon.String("phraseBreakRunes")

// maxNounPhraseRunes bounds the noun phrase isolated before a head noun.
const maxNounPhraseRunes = 14

// HeadNounSpan isolates, in sr, the noun phrase ending with the head noun nearest after the
// question's terms: "投放了8辆新能源纯电动公交车" → "新能源纯电动公交车" for "什么车". A phrase
// starts after a particle, a number with its measure word or punctuation.
func (x *Extractor) HeadNounSpan(sr []rune) (int, int, bool) {
	head, alts := x.Q.Asked.Wanted, x.Q.Asked.WantedAlts
	if head == "" {
		return 0, 0, false
	}
	// Of several such phrases ("清河路站、…高铁新城站可与城际铁路换乘" for "哪个站可以换乘"), the one
	// whose clause holds most of the question's other words.
	bestS, bestE, bestW := 0, 0, -1.0
	for _, h := range append([]string{head}, alts...) {
		for _, i := range headPositions(sr, h) {
			end := i + intent.RuneLen(h)
			if !phraseEndsAt(sr, end) {
				break // the rest are inside longer words: "县汽车" is no phrase
			}
			start := nounPhraseStart(sr, i)
			if end-start <= intent.RuneLen(h) || strings.Contains(x.Q.Norm, string(sr[start:end])) {
				continue
			}
			clause := string(sr[ClauseStart(sr, start, false):ClauseEnd(sr, end, false)])
			if w := x.covered(clause); w > bestW {
				bestS, bestE, bestW = start, end, w
			}
		}
	}
	return bestS, bestE, bestW >= 0
}

// nounPhraseStart reads back from rune offset i over the words of a noun phrase, and over one
// quoted name right before the head ("“95X”产业体系").
func nounPhraseStart(sr []rune, i int) int {
	start := i
	for start > 0 && i-start < maxNounPhraseRunes {
		r := sr[start-1]
		if isCloseQuote(r) {
			for j := start - 2; j >= 0; j-- {
				if isOpenQuote(sr[j]) {
					return j
				}
			}
			break
		}
		if !intent.IsHan(r) || strings.ContainsRune(phraseBreakRunes, r) || start >= 2 && isDigitRune(sr[start-2]) && strings.ContainsRune(intent.MeasureWords, r) {
			break
		}
		start--
	}
	return start
}

func isDigitRune(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune(chineseNumerals, r)
}

// untilQuestionRe marks a question for the end of a period: "展到什么时候", "持续至何时", "截止到哪天".
var untilQuestionRe = regexp.MustCompile(lexicon.String("untilQuestionRe"))

// UntilDateRe is a date introduced as the end of a period ("持续至6月30日", "截至2月底").
var UntilDateRe = regexp.MustCompile(lexicon.String("untilDatePrefixRe") + `(` + DateRe.String() + `)`)

func AsksUntil(q intent.Intent) bool {
	return q.Type == intent.Date && untilQuestionRe.MatchString(q.Norm)
}

// UntilSpan is the date after 至/到 in sr, rune offsets; a clock time when clock is set ("几点放学"
// by "8:00至17:00", not by "7月7日至8月22日").
func UntilSpan(sr []rune, clock bool) (int, int, bool) {
	s := string(sr)
	for _, loc := range UntilDateRe.FindAllStringSubmatchIndex(s, -1) {
		if clock && !clockRe.MatchString(s[loc[2]:loc[3]]) {
			continue
		}
		return intent.RuneLen(s[:loc[2]]), intent.RuneLen(s[:loc[3]]), true
	}
	return 0, 0, false
}

// clockRe is a time of day.
var clockRe = regexp.MustCompile(lexicon.String("clockRe"))

// AsksClock reports a question for a time of day (几点).
func AsksClock(q intent.Intent) bool { return HasAnyPrefix(q.QWord, clockQuestionWords...) }

// statistics are families of words that say which figure of many a number is: an average is not a
// maximum. A number question naming one family is not answered by a figure of another.
var statistics = lexicon.Groups("statistics")

// statisticOf is the index of the family s names, -1 when none (or more than one).
func statisticOf(s string) int {
	found := -1
	for i, fam := range statistics {
		for _, w := range fam {
			if strings.Contains(s, w) {
				if found >= 0 && found != i {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

// CheckStatistic: "平均要花多少钱" is not answered by "最高可获补贴20万元".
func CheckStatistic(q intent.Intent, window, _ string) string {
	if q.Type != intent.Number {
		return ""
	}
	want := statisticOf(q.Norm)
	if want < 0 {
		return ""
	}
	for _, w := range statistics[want] {
		if strings.Contains(window, w) {
			return ""
		}
	}
	if got := statisticOf(window); got >= 0 {
		return "a " + statistics[got][0] + " figure, not " + statistics[want][0]
	}
	return ""
}

// headPositions are the rune offsets of head in sr, those that end a phrase first (followed by
// punctuation, a particle or the end: the 车 of "公交车," before the 车 of "汽车客运站").
func headPositions(sr []rune, head string) []int {
	hr := []rune(head)
	var ending, inside []int
	for i := 0; i+len(hr) <= len(sr); i++ {
		if string(sr[i:i+len(hr)]) != head {
			continue
		}
		if phraseEndsAt(sr, i+len(hr)) {
			ending = append(ending, i)
		} else {
			inside = append(inside, i)
		}
	}
	return append(ending, inside...)
}

// HeadFit is the score factor for the head noun of a 什么X question in sentence s: full when
// some X ends a phrase, less when X is only inside a longer word, least when there is none.
func HeadFit(q intent.Intent, s string) float64 {
	head, alts := q.Asked.Wanted, q.Asked.WantedAlts
	if head == "" {
		return 1
	}
	sr := []rune(s)
	fit := 0.7
	for _, h := range append([]string{head}, alts...) {
		for _, i := range headPositions(sr, h) {
			switch {
			case !phraseEndsAt(sr, i+intent.RuneLen(h)):
				// inside a longer word ("汽车客运站" for 车): another noun, no better than none
			case countedOrIntroduced(sr, nounPhraseStart(sr, i)):
				return 1
			default:
				fit = max(fit, 0.85)
			}
		}
	}
	return fit
}

// countedOrIntroduced reports a noun phrase starting at start right after a number with its
// measure word ("12辆…公交车") or a particle ("是…", "的…"): a noun for sure, not a verb's object
// ("乘车").
func countedOrIntroduced(sr []rune, start int) bool {
	if start == 0 {
		return false
	}
	r := sr[start-1]
	if strings.ContainsRune(phraseBreakRunes, r) || isOpenQuote(sr[start]) {
		return true
	}
	return start >= 2 && isDigitRune(sr[start-2]) && strings.ContainsRune(intent.MeasureWords, r)
}

// phraseEndsAt reports a noun phrase ending at e: punctuation, a particle or the end follows (the
// 车 of "发车30个班次" is a verb's object, not a phrase's head).
func phraseEndsAt(sr []rune, e int) bool {
	// Place names chain ("嘉泽镇西城村"): a place suffix ends its name whatever follows.
	if e > 0 && e < len(sr) && strings.ContainsRune(intent.PlaceSuffixRunes, sr[e-1]) && intent.IsHan(sr[e]) {
		return true
	}
	return e == len(sr) || IsPunctOrSpace(sr[e]) || intent.IsStopRune(sr[e])
}

// CheckOtherEntity: a question about one named thing is not answered by a sentence about another
// of the same kind: "常州地铁几号线…" by "深圳地铁16号线开通运营", "复旦大学在哪里" by "…同济大学…". A
// kind here is a word that follows a proper name (entityHeads); the window naming that kind after
// another name, and nowhere the question's, tells of the other thing. In a large library of
// unrelated news such near-misses are what topic words alone cannot tell apart.
func CheckOtherEntity(q intent.Intent, window, headline string) string {
	seen := window + " " + headline
	for _, run := range intent.RunsOf(q.Norm, q.QWord) {
		rs := []rune(run)
		for _, head := range entityHeads {
			at := RuneIndex(rs, head)
			if at < 2 || placeHeads[head] && at > 3 {
				continue // a town is named by the words that open the run: "雪堰镇的…", not "参加跨镇作业"
			}
			modifier := string(rs[at-2 : at])
			if strings.ContainsAny(modifier, genericModifierRunes) || strings.Contains(seen, modifier) {
				continue
			}
			if other := modifierBefore(window, head); other != "" && other != modifier {
				return head + " of " + other + ", not " + modifier
			}
		}
	}
	return ""
}

// genericModifierRunes mark a modifier that names no one thing ("两地政府", "我市医院", "各大学").
var genericModifierRunes = lexicon.String("genericModifierRunes")

// entityHeads are kinds of things news names by a place or a proper name before them.
var entityHeads = lexicon.Words("entityHeads")

// placeHeads are the entityHeads that end a place's own name.
var placeHeads = lexicon.Set("placeHeads")

// modifierBefore is the two Han characters right before head in s, "" when head is not there
// after two Han characters.
func modifierBefore(s, head string) string {
	for off := 0; ; {
		i := strings.Index(s[off:], head)
		if i < 0 {
			return ""
		}
		before := []rune(s[:off+i])
		if n := len(before); n >= 2 && intent.IsHan(before[n-1]) && intent.IsHan(before[n-2]) && !intent.IsStopRune(before[n-1]) {
			return string(before[n-2:])
		}
		off += i + len(head)
	}
}

// placeSuffixRe ends words for places and venues beyond placeRe's ("客运站", "体育场", "校区").
var placeSuffixRe = regexp.MustCompile(lexicon.String("placeSuffixRe"))

// The words placeLike looks for (lexicon section [placeLike]).
var placeLikeWords = lexicon.Words("placeLike")

// PlaceLike reports whether span, isolated from sentence s for a 哪里 question, names a place:
// a place word, or words introduced by a locative ("位于…", "在…"). "龚正在上海交通大学作宣讲报告"
// gives "作宣讲报告" for "上海交通大学在哪里": what someone did there, not where it is.
func PlaceLike(span, s string) bool {
	if placeRe.MatchString(span) || OrgRe.MatchString(span) || placeSuffixRe.MatchString(strings.TrimRight(span, placeRelationWords)) {
		return true
	}
	i := strings.Index(s, span)
	if i < 0 {
		return true // cannot tell: do not refuse on it
	}
	before := strings.TrimRight(s[:i], " ")
	for _, w := range placeLikeWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// AsksWhereItIs reports a question for where something is ("上海交通大学在哪里", "项目位于哪里"),
// rather than where someone went or comes from, which may be named in any way.
func AsksWhereItIs(q intent.Intent) bool {
	if q.Type != intent.Place || q.QPos < 0 {
		return false
	}
	// "采摘节在哪里举办": a verb after the question word asks where an event takes place, which
	// the text tells by "在双河镇开幕", not by where the event "is".
	if q.Asked.PlaceAct != "" {
		return false
	}
	left := q.Before
	return slices.ContainsFunc(placedBefore, func(w string) bool { return strings.HasSuffix(left, w) }) ||
		slices.Contains(placedQuestionWords, q.QWord)
}

// placedBefore right before a where-question's question word, or placedQuestionWords as the
// question word, ask where a thing is ("项目在哪里", "位于什么地方"; lexicon).
var placedBefore, placedQuestionWords = lexicon.Words("placedBefore"), lexicon.Words("placedQuestionWords")

// locatives introduce a place where something happens: "在上海交通大学作报告" uses the place, it
// does not say where it is.
var locatives = lexicon.Words("locatives")

// whereVerbs after a thing say where it is ("…项目位于常州西太湖科技产业园", "起点为县汽车客运站");
// whereBefore before it do too ("位于闵行区的上海交通大学").
var (
	whereVerbs  = lexicon.Words("whereVerbs")
	whereBefore = lexicon.Words("whereBefore")
)

// CheckWhereItIs: "X在哪里" is answered by a sentence saying where X is (X位于…, X在…, 起点为…),
// not by one naming X as where something else happened ("…分别在上海交通大学、西藏等地宣讲") or in a
// list ("复旦大学、上海交通大学…入选").
func CheckWhereItIs(q intent.Intent, window, _ string) string {
	if !AsksWhereItIs(q) {
		return ""
	}
	subject := attributeBefore(q)
	if intent.RuneLen(subject) < 2 {
		return ""
	}
	found := false
	for off := 0; ; {
		i := strings.Index(window[off:], subject)
		if i < 0 {
			break
		}
		found = true
		at := off + i
		if saysWhere(window[:at], window[at+len(subject):]) {
			return ""
		}
		off = at + len(subject)
	}
	if found {
		return "nothing says where " + subject + " is"
	}
	return ""
}

// saysWhere reports whether the words around a thing (before and after it) say where it is.
func saysWhere(before, after string) bool {
	for _, l := range locatives {
		if strings.HasSuffix(before, l) || strings.HasSuffix(before, l+"了") {
			return false // the thing is itself the place of something else
		}
	}
	// "…场所，分别位于…": the where-verb may follow a comma and 分别/均.
	next := []rune(strings.TrimLeft(strings.TrimLeft(after, ",，"), distributiveWords))
	next = next[:min(len(next), 4)]
	for _, v := range whereVerbs {
		if strings.HasPrefix(strings.TrimLeft(string(next), linkingAdverbs), v) {
			return true
		}
	}
	// "位于闵行区的上海交通大学", "境内有…满都拉口岸": a where-word earlier in the same clause.
	clause := LastRunes(before[strings.LastIndexAny(before, ",，;；。:：")+1:], 24)
	for _, w := range whereBefore {
		i := strings.Index(clause, w)
		if i < 0 {
			continue
		}
		// "位于闵行区的上海交通大学" says where the university is; "分别位于莲湖公园…和东湖广场"
		// says where something else is, at 东湖广场.
		if strings.HasPrefix(w, "境内") || w == "内有" || strings.Contains(clause[i+len(w):], "的") {
			return true
		}
	}
	return false
}

// CheckYesNoPredicate: a yes/no question is decided by a sentence about what it asks ("要门票吗"
// needs 门票 or a paraphrase such as 免费), not by any sentence of the article.
func CheckYesNoPredicate(q intent.Intent, window, _ string) string {
	if q.Type != intent.YesNo {
		return ""
	}
	runs := intent.RunsOf(q.Norm, q.QWord)
	if len(runs) == 0 {
		return ""
	}
	last := runs[len(runs)-1]
	if SharesBigram(last, window) {
		return ""
	}
	for _, t := range q.Terms {
		if len(t.Alts) > 0 && (strings.Contains(t.Text, last) || strings.Contains(last, t.Text)) && t.In(window) {
			return ""
		}
	}
	return "nothing of " + last
}

// chineseNumerals are the characters Chinese numbers are written with (not 亿, 零, 〇).
var chineseNumerals = lexicon.String("chineseNumerals")

// placeRelationWords relate a thing to a place (内, 外, 旁边, 附近); distributiveWords distribute a
// predicate (分别, 均, 都); linkingAdverbs link a clause to the one before (也, 将, 就, 还, 则).
var (
	placeRelationWords = lexicon.String("placeRelationWords")
	distributiveWords  = lexicon.String("distributiveWords")
	linkingAdverbs     = lexicon.String("linkingAdverbs")
)

// clockQuestionWords ask a time of day (几点, 几点钟, 几时).
var clockQuestionWords = lexicon.Words("clockQuestionWords")
