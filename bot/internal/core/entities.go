package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"strings"

	"newsbot/lexicon"
)

// Patterns for the typed answers a question can want, matched on folded text. They are written for
// news prose: Arabic or Chinese numerals with a magnitude and a unit, dates with 年/月/日. National
// dailies write figures in Chinese numerals: a percentage (百分之七十五), a decimal (二点三亿) and a
// half (半小时) count as numbers too (chineseFigureRe).
var (
	unitPattern = lexicon.String("unitPattern")
	magnitude   = lexicon.String("magnitudeRe")
	numberRe    = regexp.MustCompile(`(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?` + magnitude + unitPattern +
		`|[0-9]+(?:\.[0-9]+)?` + magnitude + unitPattern +
		`|` + lexicon.String("chineseNumberRe") + strings.TrimSuffix(unitPattern, "?") +
		`|` + lexicon.String("chineseFigureRe") + unitPattern + `|` + lexicon.String("ordinalRe") + `)`)
	DateRe = regexp.MustCompile(lexicon.String("dateRe"))
	// A person in news prose is usually introduced by a title: 区长恽淇丞, 巡视员王冰, 领导白云萍、石伟东.
	PersonRe = regexp.MustCompile(lexicon.String("personRe"))
	placeRe  = regexp.MustCompile(lexicon.String("placeRe"))
	// The fact that decides a yes/no question: free or paid, needed or not, allowed or not, done or not.
	decisionRe = regexp.MustCompile(lexicon.String("decisionRe"))
	OrgRe      = regexp.MustCompile(lexicon.String("orgRe"))
)

// hasTyped reports whether s holds something of the kind t asks for (a deciding fact for yes/no).
// Types without a pattern (what, how, list) are always satisfied.
func hasTyped(t intent.Type, s string) bool {
	if re := typedPattern(t); re != nil {
		return re.MatchString(s)
	}
	return true
}

// ordinalPrefix starts an ordinal (第3名); ordinalQuestion asks for one (lexicon [ordinalWords]).
var ordinalPrefix, ordinalQuestion = lexicon.Text("ordinalWords", "prefix"), lexicon.Text("ordinalWords", "question")

// ordinalRune is ordinalPrefix as a rune, for a rune-by-rune scan.
var ordinalRune = []rune(ordinalPrefix)[0]

// HasAnswerFor is hasTyped for q's answer type, except that a quantity question (多少, 几个) is not
// answered by an ordinal alone: "第一水厂" names a plant, it does not count anything; "第几" asks
// for one.
func HasAnswerFor(q intent.Intent, s string) bool {
	if q.Type != intent.Number || strings.Contains(q.Norm, ordinalQuestion) {
		return hasTyped(q.Type, s)
	}
	for _, m := range numberRe.FindAllString(s, -1) {
		if !strings.HasPrefix(m, ordinalPrefix) && !phaseRe.MatchString(m) {
			return true
		}
	}
	return false
}

// phaseRe is a project's phase ("二期", "一期工程"), a name rather than a count.
var phaseRe = regexp.MustCompile(lexicon.String("phaseRe"))

func typedPattern(t intent.Type) *regexp.Regexp {
	switch t {
	case intent.Number:
		return numberRe
	case intent.Date:
		return DateRe
	case intent.Person:
		return PersonRe
	case intent.Place:
		return placeRe
	case intent.Org:
		return OrgRe
	case intent.YesNo:
		return decisionRe
	}
	return nil
}

// numberSpan is the first number-with-unit in s at or after rune offset from, as rune offsets.
func TypedSpanFrom(t intent.Type, s string, from int) (int, int, bool) {
	re := typedPattern(t)
	if re == nil {
		return 0, 0, false
	}
	rs := []rune(s)
	if from > len(rs) {
		return 0, 0, false
	}
	tail := string(rs[from:])
	for _, loc := range re.FindAllStringIndex(tail, -1) {
		if loc[1] == loc[0] {
			continue
		}
		start := from + intent.RuneLen(tail[:loc[0]])
		end := from + intent.RuneLen(tail[:loc[1]])
		if t == intent.Number && (!hasNumeral(tail[loc[0]:loc[1]]) || calendarRe.MatchString(tail[loc[0]:loc[1]])) {
			continue // ("截至今年9月底": 9月 is a date, not a quantity)
		}
		return start, end, true
	}
	return 0, 0, false
}

// calendarRe is a month or a year written as a date, never a quantity (quantities say 9个月, 3年).
var calendarRe = regexp.MustCompile(lexicon.String("calendarRe"))

// numerals are the digits and Chinese numerals a number holds (lexicon [numerals]).
var numerals = lexicon.String("numerals")

func hasNumeral(s string) bool { return strings.ContainsAny(s, numerals) }

// typedSpanIn is the first (or last) typed match in s, as rune offsets.
func typedSpanIn(t intent.Type, s string, last bool) (int, int, bool) {
	start, end, ok := TypedSpanFrom(t, s, 0)
	for ok && last {
		ns, ne, more := TypedSpanFrom(t, s, end)
		if !more {
			break
		}
		start, end = ns, ne
	}
	return start, end, ok
}
