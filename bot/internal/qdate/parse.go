package qdate

import (
	"maps"
	"strconv"
	"strings"

	"newsbot/lexicon"
	"newsbot/retrieval"
)

// Unit is what a relative word counts in.
type Unit int

const (
	None Unit = iota
	Year
	Month
	Week
	Day
)

// Point is a date as a question writes it: the parts written (0 when not), or a relative word
// (Rel, Off: 去年 is Year, -1) refined by the parts written after it (去年10月1日), or a holiday.
type Point struct {
	Year, Month, Day int
	Rel              Unit
	Off              int
	Holiday          string
}

// Expr is one date expression of a question: a point, or a span from From to To.
type Expr struct {
	Text     string // as written in Normalize(question)
	From, To Point  // To == From for a point
	Span     bool
}

// YearOnly reports an expression naming a year and nothing finer (2023年, 去年): a fact's year
// rather than an edition's date.
func (e Expr) YearOnly() bool {
	p := e.From
	return !e.Span && p.Month == 0 && p.Day == 0 && p.Holiday == "" && (p.Rel == None || p.Rel == Year)
}

// Written reports an expression whose year is written as digits (2024年7月28日): it names
// editions without a reference date.
func (e Expr) Written() bool { return e.From.Year != 0 }

// Reckoned reports a day named with a relative year (去年8月22日, 今年6月29日): the reader reckoned
// that one day from the asking time, so it names editions as surely as a written year. A relative
// month or span (今年1到5月) is often the report's own wording instead, so only a day counts.
func (e Expr) Reckoned() bool {
	p := e.From
	return !e.Span && p.Year == 0 && p.Rel == Year && p.Month != 0 && p.Day != 0
}

// dated reports a point that has a year, written or relative.
func (p Point) dated() bool { return p.Year != 0 || p.Rel != None }

func (p Point) empty() bool { return p == Point{} }

// units are the characters closing a date's parts (lexicon [dateUnits]).
var units = lexicon.Map("dateUnits")

var (
	unitYear, unitMonth = units["year"][0], units["month"][0]
	unitDays            = strings.Join(units["day"], "")
	monthRune           = []rune(unitMonth)[0]
)

var (
	relYears   = offsets("relativeYears")
	relMonths  = offsets("relativeMonths")
	relWeeks   = offsets("relativeWeeks")
	relDays    = offsets("relativeDays")
	yearParts  = monthPairs("yearParts")
	joiners    = lexicon.Words("dateSpanJoiners")
	holidaySet = holidayNames()
)

// RelativeYears are the words naming a year by its offset from a reference year (去年 -1): a
// question's from the asking time, an article's from its edition date.
func RelativeYears() map[string]int { return maps.Clone(relYears) }

// offsets reads a section of "word: offset" rows.
func offsets(name string) map[string]int {
	out := map[string]int{}
	for _, e := range lexicon.Entries(name) {
		n, err := strconv.Atoi(e.Values[0])
		if err != nil {
			panic("qdate: lexicon [" + name + "] " + e.Key + ": " + err.Error())
		}
		out[e.Key] = n
	}
	return out
}

// monthPairs reads a section of "word: first last" month rows.
func monthPairs(name string) map[string][2]int {
	out := map[string][2]int{}
	for _, e := range lexicon.Entries(name) {
		a, err1 := strconv.Atoi(e.Values[0])
		b, err2 := strconv.Atoi(e.Values[len(e.Values)-1])
		if err1 != nil || err2 != nil || a < 1 || b > 12 || a > b {
			panic("qdate: lexicon [" + name + "] " + e.Key + ": want two months")
		}
		out[e.Key] = [2]int{a, b}
	}
	return out
}

// Normalize is the form Parse reads: width folded, Chinese numerals of dates as digits.
func Normalize(question string) string { return retrieval.DateDigits(question) }

// Parse finds the date expressions of a question, in order. A point without a year takes the
// year (written or relative) of the expression before it.
func Parse(question string) []Expr {
	rs := []rune(Normalize(question))
	var out []Expr
	for i := 0; i < len(rs); {
		if i > 0 && isDigit(rs[i-1]) && isDigit(rs[i]) {
			i++
			continue
		}
		e, n := parseExpr(rs, i)
		if n == 0 {
			i++
			continue
		}
		e.Text = string(rs[i : i+n])
		out = append(out, e)
		i += n
	}
	inheritYears(out)
	return out
}

// inheritYears gives a point written without a year the year of the expression before it.
func inheritYears(es []Expr) {
	var year Point
	for i := range es {
		e := &es[i]
		if !e.From.dated() && year.dated() && e.From.Month+len(e.From.Holiday) > 0 {
			e.From.Year, e.From.Rel, e.From.Off = year.Year, year.Rel, year.Off
			if !e.Span {
				e.To = e.From
			} else if !e.To.dated() {
				e.To.Year, e.To.Rel, e.To.Off = year.Year, year.Rel, year.Off
			}
		}
		if e.From.Year != 0 || e.From.Rel == Year {
			year = e.From
		}
	}
}

// parseExpr reads the expression at rs[i:], returning it and the runes it spans (0: none).
func parseExpr(rs []rune, i int) (Expr, int) {
	p, j := readPoint(rs, i, false)
	if (p.Rel == None || p.Rel == Year) && p.Month == 0 && p.Holiday == "" {
		// 2023年1到4月, 2022年前三季度: a span of months after the year (or alone).
		if a, b, k := readYearPart(rs, j); k > j {
			return monthSpan(p, a, b), k - i
		}
		if a, b, unit, k := readBareRange(rs, j); k > j && unit == monthRune {
			return monthSpan(p, a, b), k - i
		}
	}
	if p.empty() {
		return Expr{}, 0
	}
	if p.Month != 0 && p.Day == 0 {
		// 12月6至7日: a span of days in the month.
		if a, b, unit, k := readBareRange(rs, j); k > j && unit != monthRune {
			from, to := p, p
			from.Day, to.Day = a, b
			return Expr{From: from, To: to, Span: true}, k - i
		}
	}
	if p.Holiday == "" && p.Rel != Day && p.Rel != Week {
		if k := readJoiner(rs, j); k > j {
			if q, m := readPoint(rs, k, true); !q.empty() && q.Holiday == "" && q.Rel == None {
				return Expr{From: p, To: spanEnd(p, q), Span: true}, m - i
			}
		}
	}
	return Expr{From: p, To: p}, j - i
}

// monthSpan is the months a to b of p's year.
func monthSpan(p Point, a, b int) Expr {
	from, to := p, p
	from.Month, to.Month = a, b
	return Expr{From: from, To: to, Span: true}
}

// spanEnd completes a span's end from its start: 5月20日 of 2023年1月1日至5月20日 is 2023's, 7日
// of 12月6日至7日 is December's.
func spanEnd(from, to Point) Point {
	if to.Year == 0 {
		to.Year, to.Rel, to.Off = from.Year, from.Rel, from.Off
		if to.Month == 0 {
			to.Month = from.Month
		}
	}
	return to
}

// readPoint reads a date at rs[i:]: a year (written or relative), then a holiday or a month and
// a day; or a relative day or week. bareDay admits a day without its month (a span's end).
func readPoint(rs []rune, i int, bareDay bool) (Point, int) {
	var p Point
	j := i
	if y, k := readNumber(rs, j, 4, 4, unitYear); k > j && y >= 1900 {
		p.Year, j = y, k
		j = skip(rs, j, units["yearSuffix"][0])
	} else if w, off := matchWord(rs, j, relYears); w > 0 {
		p.Rel, p.Off, j = Year, off, j+w
	}
	if w := matchHoliday(rs, j); w != "" {
		p.Holiday = w
		return p, j + len([]rune(w))
	}
	if m, k := readNumber(rs, j, 1, 2, unitMonth); k > j && m >= 1 && m <= 12 {
		p.Month, j = m, skip(rs, k, units["monthSuffix"][0])
	} else if w, off := matchWord(rs, j, relMonths); w > 0 && p.Year == 0 && p.Rel == None {
		p.Rel, p.Off, j = Month, off, j+w
	}
	if p.Month != 0 || p.Rel == Month || bareDay && p.empty() {
		if d, k := readNumber(rs, j, 1, 2, unitDays); k > j && d >= 1 && d <= 31 {
			p.Day, j = d, k
		}
	}
	if p.empty() {
		if w, off := matchWord(rs, j, relDays); w > 0 {
			return Point{Rel: Day, Off: off}, j + w
		}
		if w, off := matchWord(rs, j, relWeeks); w > 0 {
			return Point{Rel: Week, Off: off}, j + w
		}
	}
	return p, j
}

// readYearPart reads 上半年, 前三季度… at rs[i:]: its first and last month.
func readYearPart(rs []rune, i int) (a, b, end int) {
	best := ""
	for w := range yearParts {
		if len(w) > len(best) && hasPrefix(rs, i, w) {
			best = w
		}
	}
	if best == "" {
		return 0, 0, i
	}
	m := yearParts[best]
	return m[0], m[1], i + len([]rune(best))
}

// readBareRange reads "1到4月" or "6至7日" at rs[i:]: two numbers joined, the unit after the second.
func readBareRange(rs []rune, i int) (a, b int, unit rune, end int) {
	a, j := readNumber(rs, i, 1, 2, "")
	if j == i {
		return 0, 0, 0, i
	}
	k := readJoiner(rs, j)
	if k == j {
		return 0, 0, 0, i
	}
	b, m := readNumber(rs, k, 1, 2, unitMonth+unitDays)
	if m == k || a >= b {
		return 0, 0, 0, i
	}
	unit = rs[m-1]
	if unit == monthRune && b > 12 || b > 31 {
		return 0, 0, 0, i
	}
	return a, b, unit, m
}

// readNumber reads a run of min to max digits at rs[i:] followed by one of units (none when
// units is empty): its value and where it ends (i when there is none).
func readNumber(rs []rune, i, minDigits, maxDigits int, units string) (int, int) {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	if n := j - i; n < minDigits || n > maxDigits {
		return 0, i
	}
	v, _ := strconv.Atoi(string(rs[i:j]))
	k := j
	for k < len(rs) && rs[k] == ' ' {
		k++
	}
	if units == "" {
		return v, j
	}
	if k == len(rs) || !strings.ContainsRune(units, rs[k]) {
		return 0, i
	}
	return v, k + 1
}

// readJoiner reads a span's joiner at rs[i:], returning where it ends (i when none).
func readJoiner(rs []rune, i int) int {
	for _, w := range joiners {
		if hasPrefix(rs, i, w) {
			return i + len([]rune(w))
		}
	}
	return i
}

// matchWord is the length in runes of the longest word of words at rs[i:], with its offset.
func matchWord(rs []rune, i int, words map[string]int) (int, int) {
	best, off := 0, 0
	for w, o := range words {
		if n := len([]rune(w)); n > best && hasPrefix(rs, i, w) {
			best, off = n, o
		}
	}
	return best, off
}

// matchHoliday is the holiday named at rs[i:], "" when none.
func matchHoliday(rs []rune, i int) string {
	best := ""
	for h := range holidaySet {
		if len(h) > len(best) && hasPrefix(rs, i, h) {
			best = h
		}
	}
	return best
}

// hasPrefix reports w at rs[i:], without copying rs (an article's text is parsed too).
func hasPrefix(rs []rune, i int, w string) bool {
	for _, r := range w {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

func skip(rs []rune, i int, w string) int {
	if hasPrefix(rs, i, w) {
		return i + len([]rune(w))
	}
	return i
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
