package retrieval

import (
	"cmp"
	"regexp"
	"time"
)

// A question about an archive often names the day or the month of what it asks with its year
// ("2025年8月10日甘肃哪个县…", "2024年2月国际航线…"): the edition of that day (or of the days just
// after, when the report came late) is far likelier to answer it than a report on the same topic
// of another day. The rerank (rankmodel.go) has the article's date within the named day's or
// month's window, and in a named year, among its features, weighed by rank_model.json, never as
// a filter: a month's figures are often reported the month after, and a question may name the date
// of a past event.

// datedReportLag is how many days after a named day (or month) its report may be dated.
const datedReportLag = 2

// namedWindow is the window of edition dates a query's dated words point to.
type namedWindow struct {
	From, To string // YYYY-MM-DD, inclusive
	Day      bool   // a day was named (else a month)
}

// queryWindow finds a day or a month named with its year in query; ok is false when it names
// none (a day without its year is left out: it could be any year's).
func queryWindow(query string) (namedWindow, bool) {
	q := cnDigits(foldWidth(query))
	if loc := fullDate.FindStringSubmatchIndex(q); loc != nil {
		m := submatches(q, loc)
		if end := spanEnd.FindStringSubmatch(q[loc[1]:]); end != nil {
			// 2023年1月1日至5月20日: a span's figures are reported when it ends.
			m[2] = cmp.Or(end[1], m[2])
			m[3] = end[2]
		}
		if d, ok := makeDate(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
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
	return namedWindow{}, false
}

// spanEnd is the end of a span of days right after its first day (至5月20日, 到7日).
var spanEnd = regexp.MustCompile(`^\s*(?:至|到|—|–|-|~|～)\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*[日号]`)

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

// addDays is the date n days after d (YYYY-MM-DD).
func addDays(d string, n int) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
