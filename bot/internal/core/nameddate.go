package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"slices"
	"strings"
	"time"

	"newsbot/bot/internal/qdate"
	"newsbot/lexicon"
)

// The dates a question names (its analysis parses them: intent.Intent.Dates, package qdate) are
// evidence matched against edition dates. This file holds what the engine's dated search needs
// of them: the question without its dates, and the windows of edition dates to search, resolved
// against the asking time.

// datedTies are what ties a date to the sentence around it (截至2025年10月15日, 2024年5月13日的),
// before it and after it: taken out with the date.
var datedTies = lexicon.Map("datedTies")

// datedText matches a date's text with its ties.
func datedText(text string) *regexp.Regexp {
	alt := func(ws []string) string {
		q := make([]string, len(ws))
		for i, w := range ws {
			q[i] = regexp.QuoteMeta(w)
		}
		return "(?:" + strings.Join(q, "|") + ")?"
	}
	return regexp.MustCompile(alt(datedTies["before"]) + regexp.QuoteMeta(text) + alt(datedTies["after"]))
}

// WithoutDates is the question with its date expressions taken out: the edition dates stand
// for them. A year alone stays: it is a fact's year more than an edition's (2035年目标); so does
// a holiday's name (去年国庆 → 国庆): the text may write it, and it tells one holiday from another.
func WithoutDates(q intent.Intent) string {
	rest := qdate.Normalize(q.Raw)
	for _, d := range q.Dates {
		if d.YearOnly() {
			continue
		}
		if loc := datedText(d.Text).FindStringIndex(rest); loc != nil {
			rest = rest[:loc[0]] + d.From.Holiday + rest[loc[1]:]
		}
	}
	return strings.TrimSpace(rest)
}

// DateGroup is one group of alternative windows (the same day in other years), and whether its
// date was written with its year or is a day the reader reckoned with a relative year (去年8月22日);
// another relative or year-less date is the bot's guess of the year.
type DateGroup struct {
	Windows []qdate.Window
	Written bool
}

// DatedWindows are the windows of edition dates the question's dates point to, resolved against
// ref (the asking time) back to the oldest edition's year, in groups of alternatives, the most
// specific group first.
func DatedWindows(q intent.Intent, ref time.Time, oldest int) []DateGroup {
	var groups []DateGroup
	for _, d := range q.Dates {
		byGroup := map[int]int{}
		for _, w := range d.Windows(ref, oldest) {
			i, ok := byGroup[w.Group]
			if !ok {
				i = len(groups)
				byGroup[w.Group] = i
				groups = append(groups, DateGroup{Written: d.Written() || d.Reckoned()})
			}
			groups[i].Windows = append(groups[i].Windows, w)
		}
	}
	slices.SortStableFunc(groups, func(a, b DateGroup) int { return a.Windows[0].Days - b.Windows[0].Days })
	return groups
}

// Yearless reports a question naming a day or a month without its year (10月23日): it matches
// that day in any year, so no one edition may be taken for it.
func Yearless(q intent.Intent) bool {
	for _, d := range q.Dates {
		if !d.Written() && d.From.Rel == qdate.None && d.From.Month != 0 {
			return true
		}
	}
	return false
}
