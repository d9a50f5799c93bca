package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"newsbot/bot/internal/intent"
	"newsbot/corpus"
	"newsbot/lexicon"
	"newsbot/retrieval"
)

// A date a question names is evidence matched against the edition date of the article that
// answers it: readers of an archive write "2024年7月28日…谁夺得金牌" where the report says 今天
// or 7月28日, and "4月23日习近平…致辞" of a report dated the next day. Such a date ranks the
// archive (the editions that agree with it first) and is never a reason to refuse when the
// edition date agrees.

// namedDate is a day or a month written with its year in a question.
type namedDate struct {
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
func parseNamedDate(question string) (namedDate, bool) {
	q := fold(question)
	m := datedText.FindStringSubmatchIndex(q)
	if m == nil {
		return namedDate{}, false
	}
	y, _ := strconv.Atoi(q[m[2]:m[3]])
	mo, _ := strconv.Atoi(q[m[4]:m[5]])
	if y < 1900 || mo < 1 || mo > 12 {
		return namedDate{}, false
	}
	from := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, -1)
	if m[6] >= 0 {
		d, _ := strconv.Atoi(q[m[6]:m[7]])
		if d < 1 || d > 31 || time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Month() != time.Month(mo) {
			return namedDate{}, false
		}
		from = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		to = from
	}
	return namedDate{Text: q[m[0]:m[1]], From: from.Format(time.DateOnly),
		To: to.AddDate(0, 0, reportLag).Format(time.DateOnly)}, true
}

// without is the question with the date taken out: the edition date stands for it.
func (d namedDate) without(question string) string {
	return strings.TrimSpace(strings.Replace(fold(question), d.Text, "", 1))
}

// datedAttempt answers a question that names a day or a month from the editions of that time:
// the question without its date, over the articles dated within the date's window. ok is false
// when those editions hold no answer; the caller then answers as if no date were named.
func (e *Engine) datedAttempt(ctx context.Context, src *source, res resolution, d namedDate) (attempt, bool, error) {
	rest := d.without(res.Q.Raw)
	if rest == "" || len(res.Topic) > 0 {
		return attempt{}, false, nil
	}
	opts := retrieval.SearchOptions{Limit: searchLimit, DateFrom: d.From, DateTo: d.To}
	results, err := src.s.Search(ctx, rest, opts)
	if err != nil {
		return attempt{}, false, fmt.Errorf("bot: search %q dated %s–%s: %w", rest, d.From, d.To, err)
	}
	if len(results) == 0 {
		return attempt{}, false, nil
	}
	a := e.extractFrom(resolve(analyze(rest), nil), results)
	a.Res.Query, a.Res.Resolved = res.Query, res.Resolved
	return a, a.Found, nil
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

// editionYears names the years an article's text stands for without writing them: its edition's
// year (今年, 本月, 今天) and the years its 去年, 前年 and 明年 point to, so that a question naming
// such a year is not refused for want of it.
func editionYears(a corpus.Article) string {
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
