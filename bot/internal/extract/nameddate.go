package extract

import (
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// namedDate is a day or a month written with its year in a question.
type NamedDate struct {
	Text     string // as the question writes it ("2024年7月28日")
	From, To string // the edition dates that report it: from the day named to reportLag after
}

// reportLag is how long after an event its report may be dated: a national news programme
// reports the day's events that evening and late ones the next day.
const reportLag = 2

// datedText matches a day or a month with its year, and what around it only ties it to the
// sentence (截至2025年10月15日, 2024年5月13日的).
var datedText = regexp.MustCompile(lexicon.String("datedTextRe"))

// parseNamedDate finds the first day or month with its year in a question.
func ParseNamedDate(question string) (NamedDate, bool) {
	q := fold(question)
	m := datedText.FindStringSubmatchIndex(q)
	if m == nil {
		return NamedDate{}, false
	}
	y, _ := strconv.Atoi(q[m[2]:m[3]])
	mo, _ := strconv.Atoi(q[m[4]:m[5]])
	if y < 1900 || mo < 1 || mo > 12 {
		return NamedDate{}, false
	}
	from := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, -1)
	if m[6] >= 0 {
		d, _ := strconv.Atoi(q[m[6]:m[7]])
		if d < 1 || d > 31 || time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Month() != time.Month(mo) {
			return NamedDate{}, false
		}
		from = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		to = from
	}
	return NamedDate{Text: q[m[0]:m[1]], From: from.Format(time.DateOnly),
		To: to.AddDate(0, 0, reportLag).Format(time.DateOnly)}, true
}

// without is the question with the date taken out: the edition date stands for it.
func (d NamedDate) Without(question string) string {
	return strings.TrimSpace(strings.Replace(fold(question), d.Text, "", 1))
}

// parts are the year, month and day (empty for a month) of a named date, without leading zeros.
func (d NamedDate) parts() (year, month, day string) {
	year, month = d.From[:4], strings.TrimPrefix(d.From[5:7], "0")
	if strings.Contains(d.Text, intent.UnitDay) || strings.Contains(d.Text, intent.UnitDayNumber) {
		day = strings.TrimPrefix(d.From[8:10], "0")
	}
	return year, month, day
}
