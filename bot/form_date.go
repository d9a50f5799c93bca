package bot

import (
	"newsbot/bot/internal/intent"
	"newsbot/retrieval"
	"slices"
)

// dateForm: "何时" is answered by the event asked about, a range for a duration
// ("12月6日至7日"); the years, the day or month and the part of the day the question names must be
// the article's (dates.go, archive.go).
var dateForm = questionForm{
	name:    "date",
	factors: []scoreFactor{{name: "other event", order: 30, fit: fitOtherEvent}},
	spans:   []spanForm{{name: "date range", order: 90, find: findDateRange}},
	checks: []Check{
		{Name: "day part", Stage: stageWindow, order: 170, Refuse: onWindow(checkDayPart)},
		{Name: "years named", Stage: stageArticle, order: 210, Refuse: func(in *checkInput) string {
			c := in.p.Cand
			return checkYearsNamed(in.x.q, retrieval.FoldText(c.Article.Text)+" "+c.Headline+editionYears(c.Article))
		}},
		{Name: "date named", Stage: stageArticle, order: 220, Refuse: func(in *checkInput) string {
			return checkDateNamed(in.x.q, in.p.Cand.Article)
		}},
	},
}

// fitOtherEvent: "什么时候通车" is not told by "…实现全线贯通" when "…建成通车" is there.
func fitOtherEvent(x *extractor, c *candidate, s string) float64 {
	ev := x.q.Asked.Event
	return when(ev != "" && !sharesBigram(ev, s) && articleHolds(c, ev), otherEventFit)
}

// findDateRange: "持续几天" by "12月6日至7日".
func findDateRange(x *extractor, c *cutting) {
	units := expectedUnits(x.q)
	if !slices.Contains(units, intent.UnitDays) || hasNumberIn(c.s, units) {
		return
	}
	if loc := dateRangeRe.FindStringIndex(c.s); loc != nil {
		c.start, c.end, c.ok, c.counted = runeLen(c.s[:loc[0]]), runeLen(c.s[:loc[1]]), true, true
	}
}
