package extract

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"newsbot/corpus"
	"newsbot/lexicon"
	"newsbot/retrieval"
	"slices"
	"strconv"
	"strings"
)

// dateForm: "何时" is answered by the event asked about, a range for a duration
// ("12月6日至7日"); the years, the day or month and the part of the day the question names must be
// the article's (dates.go, archive.go).
var dateForm = questionForm{
	name:    "date",
	factors: []scoreFactor{{name: "other event", order: 30, fit: fitOtherEvent}},
	spans:   []spanForm{{name: "date range", order: 90, find: findDateRange}},
	checks: []Check{
		{Name: "day part", Stage: StageWindow, order: 170, Refuse: onWindow(checkDayPart)},
		{Name: "years named", Stage: stageArticle, order: 210, Refuse: func(in *CheckInput) string {
			c := in.P.Cand
			return CheckYearsNamed(in.x.Q, retrieval.FoldText(c.Article.Text)+" "+c.Headline+EditionYears(c.Article))
		}},
		{Name: "date named", Stage: stageArticle, order: 220, Refuse: func(in *CheckInput) string {
			return CheckDateNamed(in.x.Q, in.P.Cand.Article)
		}},
	},
}

// fitOtherEvent: "什么时候通车" is not told by "…实现全线贯通" when "…建成通车" is there.
func fitOtherEvent(x *Extractor, c *Candidate, s string) float64 {
	ev := x.Q.Asked.Event
	return when(ev != "" && !sharesBigram(ev, s) && articleHolds(c, ev), otherEventFit)
}

// findDateRange: "持续几天" by "12月6日至7日".
func findDateRange(x *Extractor, c *cutting) {
	units := expectedUnits(x.Q)
	if !slices.Contains(units, intent.UnitDays) || hasNumberIn(c.s, units) {
		return
	}
	if loc := dateRangeRe.FindStringIndex(c.s); loc != nil {
		c.start, c.end, c.ok, c.counted = runeLen(c.s[:loc[0]]), runeLen(c.s[:loc[1]]), true, true
	}
}

// checkDateNamed: a day or a month named with its year ("2019年5月3日习近平会见了谁") is answered
// only by an article of the editions of that time, or by one whose text tells that day or month
// of that year (a later report of a past event); an article of another date on the same topic
// does not answer, however well its words match.
func CheckDateNamed(q question, a corpus.Article) string {
	d, ok := ParseNamedDate(q.Raw)
	if !ok {
		return ""
	}
	if a.Date != "" && a.Date >= d.From && a.Date <= d.To {
		return ""
	}
	text := fold(retrieval.FoldText(a.Text) + " " + a.Title)
	year, month, day := d.parts()
	told := month + intent.UnitMonth
	if day != "" {
		told += day
	}
	hasYear := strings.Contains(text, year+intent.UnitYear) || strings.Contains(EditionYears(a), year+intent.UnitYear)
	if hasYear && (strings.Contains(text, told+intent.UnitDay) || strings.Contains(text, told+intent.UnitDayNumber) || day == "" && strings.Contains(text, told)) {
		return ""
	}
	return fmt.Sprintf("no edition of %s and the article does not tell it", d.Text)
}

// editionYears names the years an article's text stands for without writing them: its edition's
// year (今年, 本月, 今天) and the years its 去年, 前年 and 明年 point to, so that a question naming
// such a year is not refused for want of it.
func EditionYears(a corpus.Article) string {
	if len(a.Date) < 4 {
		return ""
	}
	y, err := strconv.Atoi(a.Date[:4])
	if err != nil {
		return ""
	}
	years := []string{strconv.Itoa(y) + intent.UnitYear}
	for word, delta := range relativeYears {
		if strings.Contains(a.Text, word) {
			years = append(years, strconv.Itoa(y+delta)+intent.UnitYear)
		}
	}
	return " " + strings.Join(years, " ")
}

// relativeYears are the words that tell a year relative to the edition's, with the offset
// (lexicon [relativeYears]: 去年 -1).
var relativeYears = func() map[string]int {
	out := map[string]int{}
	for _, e := range lexicon.Entries("relativeYears") {
		n, err := strconv.Atoi(e.Values[0])
		if len(e.Values) != 1 || err != nil {
			panic(fmt.Sprintf("lexicon [relativeYears]: %s: want one whole offset, have %v", e.Key, e.Values))
		}
		out[e.Key] = n
	}
	return out
}()
