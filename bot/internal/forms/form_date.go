package forms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/bot/internal/qdate"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// dateForm: "何时" is answered by the event asked about, a range for a duration
// ("12月6日至7日"); the years, the day or month and the part of the day the question names must be
// the article's (dates.go, archive.go).
var dateForm = questionForm{
	name:    "date",
	factors: []core.ScoreFactor{{Name: "other event", Order: 30, Fit: fitOtherEvent}},
	spans:   []core.SpanForm{{Name: "date range", Order: 90, Find: findDateRange}},
	checks: []core.Check{
		{Name: "day part", Stage: core.StageWindow, Order: 170, Refuse: core.OnWindow(core.CheckDayPart)},
		{Name: "years named", Stage: core.StageArticle, Order: 210, Refuse: func(in *core.CheckInput) string {
			c := in.P.Cand
			return core.CheckYearsNamed(in.X.Q, retrieval.FoldText(c.Article.Text)+" "+c.Headline+EditionYears(c.Article), c.Article.Date)
		}},
		{Name: "date named", Stage: core.StageArticle, Order: 220, Refuse: func(in *core.CheckInput) string {
			return CheckDateNamed(in.X.Q, in.P.Cand.Article)
		}},
	},
}

// fitOtherEvent: "什么时候通车" is not told by "…实现全线贯通" when "…建成通车" is there.
func fitOtherEvent(x *core.Extractor, c *core.Candidate, s string) float64 {
	ev := x.Q.Asked.Event
	return core.When(ev != "" && !core.SharesBigram(ev, s) && core.ArticleHolds(c, ev), core.OtherEventFit)
}

// findDateRange: "持续几天" by "12月6日至7日".
func findDateRange(x *core.Extractor, c *core.Cutting) {
	units := core.ExpectedUnits(x.Q)
	if !slices.Contains(units, intent.UnitDays) || core.HasNumberIn(c.S, units) {
		return
	}
	if loc := core.DateRangeRe.FindStringIndex(c.S); loc != nil {
		c.Start, c.End, c.Ok, c.Counted = intent.RuneLen(c.S[:loc[0]]), intent.RuneLen(c.S[:loc[1]]), true, true
	}
}

// CheckDateNamed: a day or a month named with its year ("2019年5月3日习近平会见了谁", a span
// "2023年1月1日至5月20日") is answered only by an article of the editions of that time, or by one
// whose text tells that day or month of that year (a later report of a past event); an article
// of another date on the same topic does not answer, however well its words match. A date
// without its year or named by a relative word (10月23日, 去年国庆) ranks the editions and is
// never a reason to refuse: which year the reader means is a guess.
func CheckDateNamed(q intent.Intent, a corpus.Article) string {
	for _, d := range q.Dates {
		if !d.Written() || d.YearOnly() || d.Agrees(a.Date, time.Time{}, 0) || tellsDate(d, a) {
			continue
		}
		return fmt.Sprintf("no edition of %s and the article does not tell it", d.Text)
	}
	return ""
}

// tellsDate reports an article whose text (or its edition's 今年) holds a named date's year and
// its start's or end's day or month (a holiday's name for a holiday).
func tellsDate(d qdate.Expr, a corpus.Article) bool {
	if relativeTells(d, a) {
		return true
	}
	text := intent.Fold(retrieval.FoldText(a.Text) + " " + a.Title)
	year := strconv.Itoa(d.From.Year) + intent.UnitYear
	if !strings.Contains(text, year) && !strings.Contains(EditionYears(a), year) {
		return false
	}
	for _, p := range []qdate.Point{d.From, d.To} {
		if p.Holiday != "" && strings.Contains(text, p.Holiday) {
			return true
		}
		if p.Month == 0 {
			continue
		}
		told := strconv.Itoa(p.Month) + intent.UnitMonth
		if p.Day == 0 && strings.Contains(text, told) {
			return true
		}
		told += strconv.Itoa(p.Day)
		if p.Day != 0 && (strings.Contains(text, told+intent.UnitDay) || strings.Contains(text, told+intent.UnitDayNumber)) {
			return true
		}
	}
	return false
}

// relativeTells reports an article whose own relative words, resolved against its edition date,
// name days within the question's date: "上个月" of a report dated 2024-08-01 tells 2024年7月,
// "昨天" of one dated 2024-07-29 tells 2024年7月28日.
func relativeTells(d qdate.Expr, a corpus.Article) bool {
	from, to, ok := d.Period(time.Time{})
	edition, err := time.Parse(time.DateOnly, a.Date)
	if !ok || err != nil {
		return false
	}
	for _, t := range qdate.Parse(a.Text) {
		if f, l, ok := t.Period(edition); ok && t.Relative() && !f.Before(from) && !l.After(to) {
			return true
		}
	}
	return false
}

// EditionYears names the years an article's text stands for without writing them: its edition's
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
		if delta != 0 && strings.Contains(a.Text, word) {
			years = append(years, strconv.Itoa(y+delta)+intent.UnitYear)
		}
	}
	return " " + strings.Join(years, " ")
}

// relativeYears are the words that tell a year relative to the edition's, with the offset
// (lexicon [relativeYears]: 去年 -1; 今年 is the edition's year, named anyway).
var relativeYears = qdate.RelativeYears()
