// Word tables and text helpers the analysis reads (and the later stages, through bot's names).

package intent

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"newsbot/lexicon"
	"newsbot/retrieval"
)

// answerParaphrases are groups the answerer adds to retrieval's table: everyday words for what a
// notice or a report writes formally ("当天不宜饮酒" answers "当天可以喝酒吗"). They only score
// sentences; search does not use them.
var answerParaphrases = lexicon.Groups("answerParaphrases")

// paraphraseIndex maps each word of the table (retrieval's and answerParaphrases) to the other
// words of its groups.
var ParaphraseIndex = func() map[string][]string {
	idx := map[string][]string{}
	for _, w := range retrieval.ParaphraseWords() {
		idx[w] = retrieval.Paraphrases(w)
	}
	for _, g := range answerParaphrases {
		for _, w := range g {
			for _, o := range g {
				if o != w && !slices.Contains(idx[w], o) {
					idx[w] = append(idx[w], o)
				}
			}
		}
	}
	return idx
}()

// paraphrasesIn is retrieval.ParaphrasesIn with answerParaphrases' words too, longest first.
func paraphrasesIn(norm string) []string {
	found := retrieval.ParaphrasesIn(norm)
	rest := norm
	for _, w := range found {
		rest = strings.ReplaceAll(rest, w, " ")
	}
	for _, g := range answerParaphrases {
		for _, w := range g {
			if RuneLen(w) >= 2 && strings.Contains(rest, w) && !slices.Contains(found, w) {
				found = append(found, w)
				rest = strings.ReplaceAll(rest, w, " ")
			}
		}
	}
	return found
}

// withParaphrases gives the question's terms that are table words their alternatives, and adds
// table words longer than a bigram ("工作机制", "老年人") as terms of their own.
func withParaphrases(norm string, terms []Term) []Term {
	// A word inside a longer table word already taken is not asked twice ("开工" in "开工建设").
	out := append([]Term(nil), terms...)
	for _, w := range paraphrasesIn(norm) {
		found := false
		for i := range out {
			if out[i].Text == w {
				out[i].Alts = ParaphraseIndex[w]
				found = true
			}
		}
		if !found {
			out = append(out, Term{Text: w, Weight: paraphraseWeight, Run: -1, Alts: ParaphraseIndex[w]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Run >= 0 && out[j].Run < 0 })
	return out
}

// paraphraseWeight is the weight of a whole table word added beside its bigrams: it must not
// outweigh the question's literal words.
const paraphraseWeight = 0.6

// In reports whether s holds the term or one of its paraphrases.
func (t Term) In(s string) bool {
	if strings.Contains(s, t.Text) {
		return true
	}
	for _, a := range t.Alts {
		if strings.Contains(s, a) {
			return true
		}
	}
	return false
}

// fold maps full-width forms to half-width ("，" → ",", "１" → "1") so that text from mixed sources
// compares equal; it is the only tolerance allowed between a quote and its article.
func Fold(s string) string { return width.Fold.String(s) }

// isHan reports a CJK ideograph.
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// runeLen is the number of runes in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// unitClass maps what a number question measures to the units that can answer it.
var UnitClasses = unitClassesOf(lexicon.Entries("unitClasses"))

// unitClass maps a cue to its units.
type UnitClass struct {
	Cue   string
	Units []string
}

func unitClassesOf(es []lexicon.Entry) []UnitClass {
	out := make([]UnitClass, len(es))
	for i, e := range es {
		out[i] = UnitClass{e.Key, e.Values}
	}
	return out
}

// namedUnits are units a question may name after 多少 ("多少公里"), longest first.
var namedUnits = lexicon.Words("namedUnits")

// unitPrefix is the named unit s starts with, "" when none.
func UnitPrefix(s string) string {
	for _, u := range namedUnits {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

// measureWords after 多少/几 name the unit itself: 多少所中学 wants "N所".
var MeasureWords = lexicon.String("measureWords")

// measureAfterQuestionWord reports a measure word r right after q's question word: one of
// measureWords, or the 大 of 几大 ("几大产业链" wants "五大产业链"; 多大 asks a size instead).
func measureAfterQuestionWord(q Intent, r rune) bool {
	return strings.ContainsRune(MeasureWords, r) || r == '大' && q.QWord == QFew
}

// measureWordAt reports a measure word opening after (the words after a question word) that is
// not the first character of a noun: "多少名学生" counts in 名, "多少名额" asks the 名额.
func MeasureWordAt(q Intent, after []rune) bool {
	if len(after) == 0 || !measureAfterQuestionWord(q, after[0]) {
		return false
	}
	return len(after) < 2 || !measureLedNouns[string(after[:2])]
}

// peopleMeasures count people after 多少/几 and stand for one another in the text ("多少人" / "60余名").
var PeopleMeasures = lexicon.String("peopleMeasures")

// abstractNouns name a kind of answer rather than a word the text would repeat: 什么职务 is
// answered by "区长", 哪个单位 by "全国人大办公厅信访局".
var AbstractNouns = lexicon.Set("abstractNouns")

// titles are specific offices; 谁 asked of one ("包头市的市长是谁") needs that office in the answer.
var Titles = lexicon.Words("titles")

// numberedAfterHao are the characters after 几号 that make it ask a number (几号线), not a date.
var numberedAfterHao = lexicon.String("numberedAfterHao")

// vagueBeforeJi are the characters before 几 that make it a vague quantity (这几条, 好几个), not
// the question word.
var vagueBeforeJi = lexicon.String("vagueBeforeJi")

// measureLedNouns are nouns that start with a measure word's character.
var measureLedNouns = lexicon.Set("measureLedNouns")

// followUpOpeners start a question that continues the previous one.
var FollowUpOpeners = lexicon.Words("followUpOpeners")

// pronouns stand for the previous turn's subject.
var Pronouns = lexicon.Words("pronouns")

// determiners stand before the noun they ask for: 哪个镇, 哪家企业.
var Determiners = lexicon.Set("determiners")

// headSynonyms are what news prose writes for a head noun a reader asks with ("打什么电话" →
// "拨打12345热线"), beside retrieval's paraphrase table.
var headSynonyms = lexicon.Map("headSynonyms")

// placeSuffixRunes end the name of an administrative place.
var PlaceSuffixRunes = lexicon.String("placeSuffixRunes")

// BylineTitles are titles a byline gives (记者, 摄影): they name who reported, no office asked of.
var BylineTitles = lexicon.Set("bylineTitles")

// The units and measure words the stages tell apart by name (lexicon [unitWords]): a calendar
// year, month and day (日, and 号 as spoken: "6月15号"), months and days counted (9个月, 3天),
// money (元), and the generic measure word 个 ("几个项目" may be counted "12项").
var (
	UnitYear, UnitMonth, UnitDay = unitWord("year"), unitWord("month"), unitWord("day")
	UnitDayNumber                = unitWord("dayNumber")
	UnitMonths, UnitDays         = unitWord("months"), unitWord("days")
	UnitYuan                     = unitWord("yuan")
	GenericMeasure               = unitWord("generic")
	// GenericMeasureRune is GenericMeasure as a rune, for a rune-by-rune scan.
	GenericMeasureRune = []rune(GenericMeasure)[0]
)

func unitWord(key string) string { return lexicon.Text("unitWords", key) }

// The function words the stages name (lexicon [markerWords]): 其中 opens the part of a whole,
// 分别 asks for (or gives) several parts, 比 makes a comparison, 副 a deputy, and 街道 is the
// one two-character level of a place's name.
var (
	Among, Respectively = markerWord("among"), markerWord("respectively")
	Comparison, Deputy  = markerWord("comparison"), markerWord("deputy")
	Subdistrict         = markerWord("subdistrict")
)

func markerWord(key string) string { return lexicon.Text("markerWords", key) }

// questionCuePrefixes open a cue made of the question word (多少钱, 几成).
var questionCuePrefixes = lexicon.Words("questionCuePrefixes")

// NounCue reports a measure cue that names the measure's noun (人口, 面积), not one made of the
// question word (多少钱, 几成) or of Latin letters.
func NounCue(cue string) bool {
	r := []rune(cue)
	if len(r) == 0 || !IsHan(r[0]) {
		return false
	}
	for _, p := range questionCuePrefixes {
		if strings.HasPrefix(cue, p) {
			return false
		}
	}
	return true
}

// The question words the stages treat apart (lexicon [namedQuestionWords]): 多少 and 几 count
// (几号 asks a day), 多大 asks a size, 多久 a duration, 什么 what, 哪 which, 谁 who.
var (
	QHowMany, QFew, QWhichDay = questionWord("howMany"), questionWord("few"), questionWord("whichDay")
	QHowBig, QHowLong         = questionWord("howBig"), questionWord("howLong")
	QWhat, QWhich, QWho       = questionWord("what"), questionWord("which"), questionWord("who")
)

func questionWord(key string) string { return lexicon.Text("namedQuestionWords", key) }

// Called and NameNoun ask a name ("局长叫什么", "项目的名字是什么"; lexicon [namingWords]).
var Called, NameNoun = lexicon.Text("namingWords", "called"), lexicon.Text("namingWords", "name")
