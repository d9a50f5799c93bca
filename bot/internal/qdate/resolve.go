package qdate

import (
	"strconv"
	"strings"
	"time"

	"newsbot/lexicon"
)

// Window is a range of edition dates that may report what an expression names.
type Window struct {
	From, To string // YYYY-MM-DD, inclusive
	// Group numbers the windows that are alternatives of one another: the same day or holiday in
	// other years, for an expression written without its year (most recent first).
	Group int
	// Days is how many days the expression names in it (1 for a day): fewer is more specific.
	Days int
}

// Contains reports an edition date inside the window.
func (w Window) Contains(date string) bool { return date != "" && date >= w.From && date <= w.To }

var (
	lags     = offsets("reportLags")
	dayLag   = lags["day"]
	spanLag  = lags["months"]
	holidays = holidayTable()
)

// period is a range of calendar days.
type period struct{ from, to time.Time }

func (p period) days() int { return int(p.to.Sub(p.from).Hours()/24) + 1 }

// Windows resolves e against ref (the asking time) into the edition dates that may report it,
// most specific first: a day or a month from itself to the day lag after; a span first by its
// end (a span's figures come when it ends), then whole; a date without a year in every year from
// ref's back to oldest, on or before ref, the most recent first. A year alone gives none: it is a
// fact's year more than an edition's.
func (e Expr) Windows(ref time.Time, oldest int) []Window {
	if e.YearOnly() || e.Span && e.From.Month == 0 && e.To.Month == 0 {
		return nil
	}
	years := []int{0}
	if !e.From.dated() {
		years = nil
		if oldest <= 0 || oldest > ref.Year() {
			oldest = ref.Year() // an undated library: this year's alone
		}
		for y := ref.Year(); y >= oldest; y-- {
			years = append(years, y)
		}
	}
	var narrow, whole []Window
	for _, y := range years {
		from, ok1 := e.From.resolve(ref, y)
		to, ok2 := e.To.resolve(ref, y)
		if !ok1 || !ok2 || to.to.Before(from.from) {
			continue
		}
		if y != 0 && from.from.After(ref) {
			continue // a date without its year is the latest one on or before ref
		}
		if !e.Span {
			narrow = append(narrow, window(from.from, from.to, dayLag, 1))
			continue
		}
		lag := dayLag
		if e.To.Day == 0 {
			lag = spanLag
		}
		narrow = append(narrow, window(to.to, to.to, lag, 2))
		whole = append(whole, window(from.from, to.to, lag, 3))
	}
	return append(narrow, whole...)
}

// window is the dates from..to plus lag days, in group g.
func window(from, to time.Time, lag, g int) Window {
	return Window{From: from.Format(time.DateOnly), To: to.AddDate(0, 0, lag).Format(time.DateOnly), Group: g,
		Days: period{from, to}.days()}
}

// Period is the days e names, resolved against ref (the asking time for a question, the edition
// date for an article's own 昨天 or 本月), without any report lag; ok is false for a date without
// its year, a year alone or a day that does not exist.
func (e Expr) Period(ref time.Time) (from, to time.Time, ok bool) {
	if !e.From.dated() {
		return from, to, false
	}
	a, ok1 := e.From.resolve(ref, 0)
	b, ok2 := e.To.resolve(ref, 0)
	return a.from, b.to, ok1 && ok2 && !b.to.Before(a.from)
}

// Relative reports an expression named by a relative word (昨天, 本月, 去年).
func (e Expr) Relative() bool { return e.From.Rel != None }

// Agrees reports an edition date inside one of e's windows.
func (e Expr) Agrees(date string, ref time.Time, oldest int) bool {
	for _, w := range e.Windows(ref, oldest) {
		if w.Contains(date) {
			return true
		}
	}
	return false
}

// resolve is the days p names in year y (0: p's own year, written or relative to ref).
func (p Point) resolve(ref time.Time, y int) (period, bool) {
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	switch p.Rel {
	case Day:
		d := ref.AddDate(0, 0, p.Off)
		return period{d, d}, true
	case Week:
		monday := ref.AddDate(0, 0, -(int(ref.Weekday())+6)%7+7*p.Off)
		return period{monday, monday.AddDate(0, 0, 6)}, true
	case Month:
		first := time.Date(ref.Year(), ref.Month()+time.Month(p.Off), 1, 0, 0, 0, 0, time.UTC)
		if p.Day != 0 {
			d := first.AddDate(0, 0, p.Day-1)
			return period{d, d}, d.Month() == first.Month()
		}
		return period{first, first.AddDate(0, 1, -1)}, true
	case Year:
		y = ref.Year() + p.Off
	}
	if y == 0 {
		y = p.Year
	}
	if y == 0 {
		return period{}, false
	}
	switch {
	case p.Holiday != "":
		return holidayIn(p.Holiday, y)
	case p.Month == 0:
		first := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return period{first, first.AddDate(1, 0, -1)}, true
	case p.Day == 0:
		first := time.Date(y, time.Month(p.Month), 1, 0, 0, 0, 0, time.UTC)
		return period{first, first.AddDate(0, 1, -1)}, true
	}
	d := time.Date(y, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC)
	return period{d, d}, d.Day() == p.Day
}

// holidayTable reads [holidayPeriods] (key: the holiday) and [holidayYears] (key:
// HOLIDAY@YEAR) into month-day pairs keyed the same way.
func holidayTable() map[string][2]string {
	out := map[string][2]string{}
	for _, name := range []string{"holidayPeriods", "holidayYears"} {
		for _, e := range lexicon.Entries(name) {
			first, last := e.Values[0], e.Values[len(e.Values)-1]
			for _, md := range []string{first, last} {
				if _, err := time.Parse("01-02", md); err != nil {
					panic("qdate: lexicon [" + name + "] " + e.Key + ": " + md + " is no MM-DD")
				}
			}
			out[e.Key] = [2]string{first, last}
		}
	}
	return out
}

// holidayNames are the holidays the tables name.
func holidayNames() map[string]bool {
	out := map[string]bool{}
	for k := range holidayTable() {
		name, _, _ := strings.Cut(k, "@")
		out[name] = true
	}
	return out
}

// Holidays lists the holidays the tables know (for tests and callers matching text).
func Holidays() []string {
	var out []string
	for h := range holidaySet {
		out = append(out, h)
	}
	return out
}

// holidayIn is holiday h's days in year y: that year's, else its usual ones; ok is false for a
// lunar holiday of a year the tables do not list.
func holidayIn(h string, y int) (period, bool) {
	md, ok := holidays[h+"@"+strconv.Itoa(y)]
	if !ok {
		if md, ok = holidays[h]; !ok {
			return period{}, false
		}
	}
	from, _ := time.Parse("2006-01-02", strconv.Itoa(y)+"-"+md[0])
	to, _ := time.Parse("2006-01-02", strconv.Itoa(y)+"-"+md[1])
	return period{from, to}, true
}

// HolidayAgrees reports an edition date within holiday h's days (to the day lag after) of its
// own year: a report dated in the 国庆 holiday tells of 国庆 without writing it.
func HolidayAgrees(h, date string) bool {
	if len(date) < 4 {
		return false
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil {
		return false
	}
	p, ok := holidayIn(h, y)
	return ok && window(p.from, p.to, dayLag, 0).Contains(date)
}
