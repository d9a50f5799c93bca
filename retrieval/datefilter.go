package retrieval

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateFilter is a range of edition dates a question names, ready for SearchOptions.
type DateFilter struct {
	From string // YYYY-MM-DD inclusive
	To   string // YYYY-MM-DD inclusive
	// Text is the part of the question that named the date, e.g. "11月8日".
	Text string
	// Edition is true when the question ties the date to the paper (11月8日的报纸, 当天的新闻,
	// 今天的报纸): then filtering by it is safe. Without it the date may be a fact asked about
	// (11月9日是什么日子), and a caller should filter only if the filtered search still finds
	// something, or not at all.
	Edition bool
}

// Apply narrows opts to the filter's dates.
func (f DateFilter) Apply(opts SearchOptions) SearchOptions {
	opts.DateFrom, opts.DateTo = f.From, f.To
	return opts
}

var (
	fullDate    = regexp.MustCompile(`(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*[日号]?`)
	compactDate = regexp.MustCompile(`(?:^|\D)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\D|$)`)
	yearMonth   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月`)
	monthDay    = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]`)
	relativeDay = regexp.MustCompile(`今天|今日|昨天|昨日|前天`)
	editionCue  = regexp.MustCompile(`报纸|报道|新闻|版面|那期|这期|一期|当期|刊登|刊发|刊载|日报|晚报|头版|本报|联播|那天|当天|见报`)
	cnNumber    = regexp.MustCompile(`[〇零一二两三四五六七八九十]+(?:年|月|日|号)`)
)

// ParseDateFilter finds a date or month a question names: 2024年11月8日, 2024-11-08, 20241108,
// 11月8日 (the year taken from ref: the latest such day not after ref), 2024年11月, Chinese
// numerals (十一月八日), and 今天/昨天/前天 when the question is about the paper itself
// (今天的报纸). ref should be the library's newest edition date; the zero time means today.
// ok is false when the question names no date.
func ParseDateFilter(question string, ref time.Time) (DateFilter, bool) {
	if ref.IsZero() {
		ref = time.Now()
	}
	q := cnDigits(foldWidth(question))
	edition := editionCue.MatchString(q)
	if m := fullDate.FindStringSubmatch(q); m != nil {
		if d, ok := makeDate(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return DateFilter{From: d, To: d, Text: m[0], Edition: edition}, true
		}
	}
	if m := compactDate.FindStringSubmatch(q); m != nil {
		if d, ok := makeDate(atoi(m[1]), atoi(m[2]), atoi(m[3])); ok {
			return DateFilter{From: d, To: d, Text: m[1] + m[2] + m[3], Edition: edition}, true
		}
	}
	if m := yearMonth.FindStringSubmatch(q); m != nil {
		y, mo := atoi(m[1]), atoi(m[2])
		if first, ok := makeDate(y, mo, 1); ok {
			last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			return DateFilter{From: first, To: last, Text: m[0], Edition: edition}, true
		}
	}
	if m := monthDay.FindStringSubmatch(q); m != nil {
		mo, day := atoi(m[1]), atoi(m[2])
		for y := ref.Year(); y >= ref.Year()-1; y-- {
			d, ok := makeDate(y, mo, day)
			if ok && d <= ref.Format(time.DateOnly) {
				return DateFilter{From: d, To: d, Text: m[0], Edition: edition}, true
			}
		}
	}
	if m := relativeDay.FindString(q); m != "" && edition {
		back := map[string]int{"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}[m]
		d := ref.AddDate(0, 0, -back).Format(time.DateOnly)
		return DateFilter{From: d, To: d, Text: m, Edition: true}, true
	}
	return DateFilter{}, false
}

// DateDigits is s width-folded with Chinese numerals before 年/月/日/号 written as digits
// (十月一日 → 10月1日), the form the answerer's date parser reads.
func DateDigits(s string) string { return cnDigits(foldWidth(s)) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// makeDate formats a valid calendar date.
func makeDate(y, m, d int) (string, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 2月30日
	}
	return t.Format(time.DateOnly), true
}

// cnDigits rewrites Chinese numerals before 年/月/日/号 as Arabic digits: 十一月八日 → 11月8日,
// 二〇二四年 → 2024年.
func cnDigits(s string) string {
	return cnNumber.ReplaceAllStringFunc(s, func(m string) string {
		unit := m[len(m)-len("年"):]
		num := strings.TrimSuffix(m, unit)
		if unit == "年" {
			var b strings.Builder
			for _, r := range num {
				d := runeIndex("〇一二三四五六七八九", r)
				if r == '零' {
					d = 0
				}
				if d < 0 {
					return m
				}
				b.WriteString(strconv.Itoa(d))
			}
			return b.String() + unit
		}
		n, ok := cnSmallNumber(num)
		if !ok {
			return m
		}
		return fmt.Sprint(n) + unit
	})
}

// cnSmallNumber reads a Chinese numeral below 100: 八, 十一, 二十, 三十一.
func cnSmallNumber(s string) (int, bool) {
	digit := func(r rune) int {
		if r == '两' {
			return 2
		}
		return runeIndex("零一二三四五六七八九", r)
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		d := digit(rs[0])
		return d, d > 0
	case len(rs) == 2 && rs[0] == '十':
		d := digit(rs[1])
		return 10 + d, d > 0
	case len(rs) == 2 && rs[1] == '十':
		d := digit(rs[0])
		return d * 10, d > 0
	case len(rs) == 3 && rs[1] == '十':
		a, b := digit(rs[0]), digit(rs[2])
		return a*10 + b, a > 0 && b > 0
	}
	return 0, false
}

// runeIndex is the position of r among the runes of s, or -1.
func runeIndex(s string, r rune) int {
	for i, c := range []rune(s) {
		if c == r {
			return i
		}
	}
	return -1
}
