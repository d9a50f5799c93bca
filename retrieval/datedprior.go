package retrieval

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"newsbot/lexicon"
)

// A question about an archive often names the day or the month of what it asks with its year
// ("2025年8月10日甘肃哪个县…", "2024年2月国际航线…"): the edition of that day (or of the days just
// after, when the report came late) is far likelier to answer it than a report on the same topic
// of another day. The rerank (rankmodel.go) has the article's date within the named day's or
// month's window, and in a named year, among its features, weighed by rank_model.json, never as
// a filter: a month's figures are often reported the month after, and a question may name the date
// of a past event. The day may be written with a relative year (去年10月1日, resolved against the
// archive's newest edition: an archive is asked about after it) or with no year (10月23日: that
// day of every year, the question's words telling the years apart), and may end a span
// (1月1日——5月20日: a span's figures are reported when it ends, not on its first day).

// datedReportLag is how many days after a named day (or month) its report may be dated.
const datedReportLag = 2

// namedWindow is the window of edition dates a query's dated words point to.
type namedWindow struct {
	From, To string // YYYY-MM-DD, inclusive
	Day      bool   // a day was named (else a month)
	// AnyYear: a day named without its year (10月23日), which From and To hold in the reference
	// year: the same days of every year agree, for an archive holds several years' 10月23日 and
	// the question's words, not the latest year, tell which one it asks about.
	AnyYear bool
}

// contains reports an edition date inside the window (in any year for an AnyYear window).
func (w namedWindow) contains(date string) bool {
	if date == "" {
		return false
	}
	if !w.AnyYear || len(date) < 4 || len(w.From) < 4 {
		return date >= w.From && date <= w.To
	}
	// The window in the date's year, and the year before's when it ends in the next year
	// (12月31日 reported 1月2日).
	for _, shift := range []int{0, -1} {
		years := atoi(date[:4]) + shift - atoi(w.From[:4])
		if from, to := addYears(w.From, years), addYears(w.To, years); date >= from && date <= to {
			return true
		}
	}
	return false
}

// queryWindow finds a day or a month the query names: with its year, with a relative year
// (去年10月1日, 今年5月: against the year of ref, the archive's newest edition date, asked only
// then) or a day without any (10月23日: AnyYear); ok is false when it names none.
func queryWindow(query string, ref func() time.Time) (namedWindow, bool) {
	q := cnDigits(foldWidth(query))
	year := 0
	if relYearDate.MatchString(q) || yearlessDay.MatchString(q) {
		year = ref().Year()
	}
	if m := relYearDate.FindStringSubmatch(q); m != nil && year > 1 {
		q = strings.Replace(q, m[1], strconv.Itoa(year+relativeYears[m[1]])+"年", 1)
	}
	if loc := fullDate.FindStringSubmatchIndex(q); loc != nil {
		m := submatches(q, loc)
		mo, day := spanEndDay(q[loc[1]:], atoi(m[2]), atoi(m[3]))
		if d, ok := makeDate(atoi(m[1]), mo, day); ok {
			return namedWindow{From: d, To: addDays(d, datedReportLag), Day: true}, true
		}
	}
	if m := yearMonth.FindStringSubmatch(q); m != nil {
		y, mo := atoi(m[1]), atoi(m[2])
		if first, ok := makeDate(y, mo, 1); ok {
			last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			return namedWindow{From: first, To: addDays(last, datedReportLag)}, true
		}
	}
	if loc := yearlessDay.FindStringSubmatchIndex(q); loc != nil && year > 1 {
		m := submatches(q, loc)
		mo, day := spanEndDay(q[loc[1]:], atoi(m[1]), atoi(m[2]))
		if d, ok := makeDate(year, mo, day); ok {
			return namedWindow{From: d, To: addDays(d, datedReportLag), Day: true, AnyYear: true}, true
		}
	}
	return namedWindow{}, false
}

// spanEndDay is the month and day a span of days ends on when rest, what follows its first day,
// goes on to its end (2023年1月1日至5月20日: a span's figures are reported when it ends), else
// month and day.
func spanEndDay(rest string, month, day int) (int, int) {
	if end := spanEnd.FindStringSubmatch(rest); end != nil {
		if end[1] != "" {
			month = atoi(end[1])
		}
		return month, atoi(end[2])
	}
	return month, day
}

var (
	// relYearDate is a relative year before a month (去年10月1日, 今年5月).
	relYearDate = regexp.MustCompile(`(今年|去年|前年|明年)\s*\d{1,2}\s*月`)
	// yearlessDay is a day named without a year: no digit or 年 right before its month.
	yearlessDay = regexp.MustCompile(`(?:^|[^\d年\s])\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]`)
	// relativeYears are the relative years' offsets (lexicon [relativeYears], which the bot's
	// date parser reads too).
	relativeYears = func() map[string]int {
		out := map[string]int{}
		for _, e := range lexicon.Entries("relativeYears") {
			out[e.Key] = atoi(e.Values[0])
		}
		return out
	}()
)

// newestEdition is the date of the library's newest article, the reference of a question's
// relative dates (an archive is asked about after its last edition); zero when none is dated.
func (ix *Index) newestEdition() time.Time {
	newest := ""
	for _, a := range ix.articles {
		newest = max(newest, a.Date)
	}
	t, _ := time.Parse(time.DateOnly, newest)
	return t
}

// spanEnd is the end of a span of days right after its first day (至5月20日, 到7日).
var spanEnd = regexp.MustCompile(`^\s*(?:至|到|—{1,2}|–|-|~|～|－)\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*[日号]`)

// submatches are the texts of a FindStringSubmatchIndex match ("" for a group that took part in
// none).
func submatches(s string, loc []int) []string {
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

// addYears is the date n years after d (YYYY-MM-DD; 2月29日 becomes 3月1日 in other years).
func addYears(d string, n int) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil || n == 0 {
		return d
	}
	return t.AddDate(n, 0, 0).Format(time.DateOnly)
}

// addDays is the date n days after d (YYYY-MM-DD).
func addDays(d string, n int) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
