package intent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/bot/internal/qdate"
	"newsbot/lexicon"
	"newsbot/retrieval"
)

// questionWords maps interrogatives to the answer type they ask for. At one position the longest
// entry wins, so 什么时候 beats 什么 and 哪些人 beats 哪些.
var QuestionWords = questionWordTypes(lexicon.Entries("questionWords"))

var maxQuestionWordRunes = func() int {
	n := 0
	for w := range QuestionWords {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

// nounHints refine 哪个/什么 by the noun that follows: 哪个镇 asks for a place, 什么人 for a person.
var nounHints = nounHintTypes(lexicon.Entries("nounHints"))

// nounHint is one row of nounHints.
type nounHint struct {
	prefix string
	t      Type
}

// qTypeNamed is the type of a name of qtNames; an unknown name is a programming error in the
// lexicon's data.
func qTypeNamed(name string) Type {
	for t, n := range qtNames {
		if n == name {
			return t
		}
	}
	panic("bot: lexicon names an unknown question type " + name)
}

// questionWordTypes reads the [questionWords] rows "type: words…"; a word under two types is a
// conflict in the data.
func questionWordTypes(es []lexicon.Entry) map[string]Type {
	out := map[string]Type{}
	for _, e := range es {
		for _, w := range e.Values {
			if _, dup := out[w]; dup {
				panic("bot: lexicon [questionWords] lists " + w + " under two types")
			}
			out[w] = qTypeNamed(e.Key)
		}
	}
	return out
}

// nounHintTypes reads the [nounHints] rows "prefix: type", in order.
func nounHintTypes(es []lexicon.Entry) []nounHint {
	out := make([]nounHint, len(es))
	for i, e := range es {
		out[i] = nounHint{e.Key, qTypeNamed(e.Values[0])}
	}
	return out
}

// fillers are phrases that carry no content in a question about the paper.
var fillers = lexicon.Words("fillers")

// stopRunes split a question into content runs: particles and light verbs with no content alone.
var stopRunes = lexicon.String("stopRunes")

func IsStopRune(r rune) bool { return strings.ContainsRune(stopRunes, r) }

// locativeRunes and locativePlaceEnds: see locativeAt (lexicon).
var locativeRunes, locativePlaceEnds = lexicon.String("locativeRunes"), lexicon.String("locativePlaceEnds")

// locativeAt reports a locative 里/内 at rs[i] right after a place's last character (林区里,
// 校内), in a run long enough to keep a word without it.
func locativeAt(rs []rune, i int) bool {
	return len(rs) >= 3 && i > 0 && i < len(rs) && strings.ContainsRune(locativeRunes, rs[i]) &&
		strings.ContainsRune(locativePlaceEnds, rs[i-1])
}

// stopsAt reports whether rs[i] is a stop rune that ends a run (not the start of a stopLedWord).
func StopsAt(rs []rune, i int) bool {
	return IsStopRune(rs[i]) && !(i+1 < len(rs) && stopLedWords[string(rs[i:i+2])])
}

// stopLedWords are words that start with a stop rune and must not be cut there ("就业岗位", not
// "业岗位"; "在校学生", "能源").
var stopLedWords = lexicon.Set("stopLedWords")

// analyze prepares a question: normalisation, answer type, content terms (weight 1).
func Analyze(raw string) Intent {
	norm := standardQuestionWords(strings.ToLower(Fold(retrieval.NormalizeQuery(raw))))
	yesNo := false
	if plain, ok := foldANotA(norm); ok {
		norm, yesNo = plain, true
	}
	q := Intent{Raw: raw, Norm: norm, QPos: -1, Dates: qdate.Parse(raw)}
	q.QWord, q.QPos, q.Type = findQuestionWord(norm)
	if q.Type == Other && (yesNo || strings.HasSuffix(strings.TrimRight(raw, "?？。! "), "吗") || strings.Contains(norm, "是否")) {
		q.Type = YesNo
	}
	if q.Type == Other && measureAboutQuestion(raw, norm) {
		// Read as the question it stands for: "达茂旗人口呢" → "达茂旗人口是多少".
		q.Norm = strings.TrimRight(norm, "?？。!！ ") + "是多少"
		q.QWord, q.QPos, q.Type = findQuestionWord(q.Norm)
	}
	q.readIntent()
	if q.Type == What && namesTitledPerson(q) {
		q = q.Retyped(Person)
	}
	q.Terms = withParaphrases(q.Norm, ContentTerms(q.Norm, q.QWord, 1))
	return q
}

// colloquialQuestionWords are the phone-typed forms of interrogatives, read as the written ones
// ("二院新门诊楼啥时候能用" asks a date like 什么时候; "为啥" asks why). Longer forms come first.
var colloquialQuestionWords = lexicon.Replacer("colloquialQuestionWords")

// standardQuestionWords rewrites colloquial interrogatives, and a 在哪 before a verb ("竹编大赛在哪
// 举行的") as 在哪里: it asks where, not which (哪个镇, 哪家 keep their noun).
func standardQuestionWords(norm string) string {
	norm = colloquialQuestionWords.Replace(norm)
	rs := []rune(norm)
	var b strings.Builder
	for i, r := range rs {
		b.WriteRune(r)
		if r == '哪' && i > 0 && rs[i-1] == '在' && (i+1 == len(rs) || !strings.ContainsRune(whichFollowers, rs[i+1])) {
			b.WriteRune('里')
		}
	}
	return b.String()
}

// whichFollowers follow 哪 when it asks which one (哪个, 哪些, 哪家…) or is already a place word
// (哪里, 哪儿).
var whichFollowers = lexicon.String("whichFollowers")

// measureAboutQuestion reports "达茂旗人口呢？" or a bare "安吉去年旅游收入": no question word, a
// closing 呢 or nothing at all, and a measure (人口, 面积, 投资…) asked of its subject, which wants
// that measure's number.
func measureAboutQuestion(raw, norm string) bool {
	bare := strings.TrimRight(raw, "?？。! ")
	if !strings.HasSuffix(bare, "呢") && (strings.ContainsAny(bare, " 　,，") || bare != raw) {
		return false // a bare keyword phrase ("安吉去年旅游收入") asks its measure too
	}
	body := strings.TrimRight(norm, "?？。!！ ")
	for _, c := range UnitClasses {
		if !NounCue(c.Cue) || !strings.HasSuffix(body, c.Cue) {
			continue
		}
		// The subject must be named: "那人口呢" is a follow-up, resolved from the conversation.
		subject := strings.TrimSuffix(strings.TrimSuffix(body, c.Cue), "的")
		for _, w := range append(append([]string(nil), FollowUpOpeners...), Pronouns...) {
			if strings.Contains(subject, w) {
				return false
			}
		}
		return RuneLen(subject) >= 2
	}
	return false
}

// namesTitledPerson reports "局长叫什么名字", "区长的名字是什么": the name asked of a title is a
// person's, to be checked like "局长是谁" ("项目叫什么名字" stays a what-question).
func namesTitledPerson(q Intent) bool {
	if q.QPos < 0 || !strings.Contains(q.Norm, NameNoun) && !strings.HasSuffix(q.Before, Called) {
		return false // "区委书记叫什么" asks the name as well
	}
	left := strings.TrimRight(q.Before, "叫是的名字 ")
	for _, t := range Titles {
		if !BylineTitles[t] && strings.HasSuffix(left, t) {
			return true
		}
	}
	// "营养师叫什么名字", "那位志愿者叫什么名字": a role ending in a person suffix.
	if r := []rune(left); len(r) >= 2 && strings.ContainsRune(personSuffixRunes, r[len(r)-1]) {
		return true
	}
	return false
}

// personSuffixRunes end words for people by their work or role (营养师, 志愿者, 种植户, 传承人).
var personSuffixRunes = lexicon.String("personSuffixRunes")

// findQuestionWord returns the leftmost-longest interrogative of s, its rune offset and type.
func findQuestionWord(s string) (string, int, Type) {
	rs := []rune(s)
	for i := range rs {
		if rs[i] == '几' && i > 0 && strings.ContainsRune(vagueBeforeJi, rs[i-1]) {
			continue // 这几条线路…多少乘客: the question word is 多少, 这几 only counts vaguely
		}
		for n := min(maxQuestionWordRunes, len(rs)-i); n >= 1; n-- {
			w := string(rs[i : i+n])
			t, ok := QuestionWords[w]
			if !ok {
				continue
			}
			if t == Org || t == What || t == List {
				t = refineByNoun(string(rs[i+n:]), t)
			}
			// 几号线, 几号楼: a number, not a date ("几号开学", "从几号到几号" ask dates).
			if w == QWhichDay && i+n < len(rs) && strings.ContainsRune(numberedAfterHao, rs[i+n]) {
				return QFew, i, Number
			}
			// A bare 哪 ("项目在哪？") asks where.
			if w == QWhich && (i+n == len(rs) || !IsHan(rs[i+n])) {
				t = Place
			}
			return w, i, t
		}
	}
	return "", -1, Other
}

func refineByNoun(rest string, t Type) Type {
	rest = afterDeterminer(rest)
	for _, h := range nounHints {
		if strings.HasPrefix(rest, h.prefix) {
			if t == List && h.t != Person && h.t != Place || h.t == Title && t != What && t != Org {
				return t
			}
			return h.t
		}
	}
	return t
}

// contentTerms extracts the content terms of a normalised question: the question word and fillers
// are removed, the rest is cut at stop characters and punctuation into runs; Chinese runs give
// their character bigrams (a one-character run gives itself), ASCII runs give words.
func ContentTerms(norm, qword string, weight float64) []Term {
	s := withoutQuestionWord(norm, qword)
	for _, f := range fillers {
		s = strings.ReplaceAll(s, f, " ")
	}
	s = yearWordsApart.Replace(s)
	var terms []Term
	seen := map[string]bool{}
	add := func(t string, run int) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, Term{Text: t, Weight: weight, Run: run})
		}
	}
	for i, run := range ContentRuns(s) {
		rs := []rune(run)
		if !IsHan(rs[0]) {
			add(run, i)
			continue
		}
		if len(rs) == 1 {
			add(run, i)
			continue
		}
		for j := 0; j+1 < len(rs); j++ {
			// "林区里禁止…": a locative after a place makes no word with the characters around it (区里
			// would match "小区里").
			if locativeAt(rs, j+1) || locativeAt(rs, j) {
				continue
			}
			add(string(rs[j:j+2]), i)
		}
	}
	return terms
}

// contentRuns cuts s at stop runes, punctuation and script changes (Han vs ASCII word).
func ContentRuns(s string) []string {
	var runs []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case IsHan(r) && StopsAt(rs, i):
			flush()
		case IsHan(r):
			if len(cur) > 0 && !IsHan(cur[len(cur)-1]) {
				flush()
			}
			cur = append(cur, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' && len(cur) > 0 && unicode.IsDigit(cur[len(cur)-1]):
			if len(cur) > 0 && IsHan(cur[len(cur)-1]) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return runs
}

// withoutQuestionWord blanks the question word of norm, and the measure word a count question
// puts right after it ("多少人参加竹编比赛": 人参 is no word of the question; "多少名额" keeps 名额).
func withoutQuestionWord(norm, qword string) string {
	if qword == "" {
		return norm
	}
	i := strings.Index(norm, qword)
	if i < 0 {
		return norm
	}
	if qword == QWhat && strings.HasSuffix(norm[:i], Called) {
		i -= len(Called) // "传承人叫什么": 叫 is no word of the role
		qword = Called + QWhat
	}
	after := []rune(norm[i+len(qword):])
	if (qword == QHowMany || qword == QFew) && len(after) > 1 && strings.ContainsRune(PeopleMeasures, after[0]) &&
		!measureLedNouns[string(after[:2])] {
		return norm[:i] + " " + string(after[1:])
	}
	return norm[:i] + " " + string(after)
}

// runsOf returns the content runs of a question (for topics carried to a follow-up).
func RunsOf(norm, qword string) []string {
	s := withoutQuestionWord(norm, qword)
	for _, f := range fillers {
		s = strings.ReplaceAll(s, f, " ")
	}
	return ContentRuns(yearWordsApart.Replace(s))
}

// yearWordsApart makes a year word, or a part of the day, its own run: in "美食节去年吸引了多少游客"
// the subject is 美食节, not 美食节去年吸引, and 节去 or 年吸 are no words ("廊道晚上开到几点": 廊道).
var yearWordsApart = lexicon.Replacer("yearWordsApart")

// foldANotA rewrites the A-not-A question form ("要不要钱", "能不能参加", "需不需要预约", "有没有")
// to its plain verb ("要钱", "能参加", "需要预约", "有"), which is what the text says; ok reports
// that the question had the form, so that it asks yes or no.
func foldANotA(s string) (string, bool) {
	rs := []rune(s)
	for i := 0; i+2 < len(rs); i++ {
		if rs[i] == rs[i+2] && (rs[i+1] == '不' || rs[i+1] == '没') && IsHan(rs[i]) && rs[i] != '不' {
			return string(rs[:i+1]) + string(rs[i+3:]), true
		}
	}
	return s, false
}
