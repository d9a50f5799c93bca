package bot

import (
	"cmp"
	"context"
	"fmt"
	"newsbot/bot/internal/intent"
	"slices"
	"strings"
	"time"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/qdate"
	"newsbot/retrieval"
)

// A date a question names is evidence matched against the edition date of the article that
// answers it: readers of an archive write "2024年7月28日…谁夺得金牌" where the report says 今天
// or 7月28日, and "4月23日习近平…致辞" of a report dated the next day. Such a date ranks the
// archive (the editions that agree with it first) and is never a reason to refuse when the
// edition date agrees. The question's analysis parses the dates (package qdate: days, months,
// spans, holidays, relative words); extract/nameddate.go resolves them into windows against the
// asking time, and this file searches the editions they point to.

// reference is the date relative words (去年, 上个月, 昨天) are resolved against: the asking time,
// Options.Now when set.
func (e *Engine) reference() time.Time {
	if e.opts.Now != nil {
		return e.opts.Now()
	}
	return time.Now()
}

// maxDatedTries bounds the dated attempts of one question (a day without its year has one
// window a year).
const maxDatedTries = 4

// datedResults are one window's search results and the coverage of the best.
type datedResults struct {
	window   qdate.Window
	results  []retrieval.Result
	coverage float64
}

// searchWindows searches rest over each window's editions, the best-covered first (the most
// recent on a tie, as the windows come); windows holding nothing are left out.
func searchWindows(ctx context.Context, src *source, rest string, ws []qdate.Window) ([]datedResults, error) {
	var out []datedResults
	for _, w := range ws {
		opts := retrieval.SearchOptions{Limit: searchLimit, DateFrom: w.From, DateTo: w.To}
		results, err := src.s.Search(ctx, rest, opts)
		if err != nil {
			return nil, fmt.Errorf("bot: search %q dated %s–%s: %w", rest, w.From, w.To, err)
		}
		if len(results) > 0 {
			out = append(out, datedResults{w, results, results[0].Coverage})
		}
	}
	slices.SortStableFunc(out, func(a, b datedResults) int { return cmp.Compare(b.coverage, a.coverage) })
	return out, nil
}

// topCoverage is the coverage of the best article of the whole library for rest.
func topCoverage(ctx context.Context, src *source, rest string) (float64, error) {
	results, err := src.s.Search(ctx, rest, retrieval.SearchOptions{Limit: 1})
	if err != nil || len(results) == 0 {
		return 0, err
	}
	return results[0].Coverage, nil
}

// datedAttempt answers a question that names dates from the editions of those dates: the question
// without its dates, over the articles dated within each window, the most specific first. A
// date written with its year is the reader's word; a guessed year (去年 against the asking time,
// a day without its year) only ranks: its editions answer when their best article holds as much
// of the question as the whole library's best ("乐山今年1到5月…" asked from a report's point of
// view names that report's year, not the asking time's). ok is false when those editions hold no
// answer; the caller then answers as if no date were named.
func (e *Engine) datedAttempt(ctx context.Context, src *source, res core.Resolution) (attempt, bool, error) {
	groups := core.DatedWindows(res.Q, e.reference(), src.oldest)
	rest := core.WithoutDates(res.Q)
	if len(groups) == 0 || rest == "" || len(res.Topic) > 0 {
		return attempt{}, false, nil
	}
	tries, bar := 0, -1.0
	for _, g := range groups {
		alts, err := searchWindows(ctx, src, rest, g.Windows)
		if err == nil && !g.Written && bar < 0 {
			bar, err = topCoverage(ctx, src, rest)
		}
		if err != nil {
			return attempt{}, false, err
		}
		for _, alt := range alts {
			if !g.Written && alt.coverage < bar {
				break
			}
			if a := e.extractFrom(resolve(intent.Analyze(rest), nil), alt.results); a.Found {
				a.Res.Query, a.Res.Resolved = res.Query, res.Resolved
				a.Dated = alt.window.From + ".." + alt.window.To
				return a, true, nil
			}
			if tries++; tries >= maxDatedTries {
				return attempt{}, false, nil
			}
		}
	}
	return attempt{}, false, nil
}

// explainDates lists the dates a question names, each with the edition dates it resolves to
// against the asking time ("去年国庆: 2025-10-01..2025-10-10"), for ask --explain.
func (e *Engine) explainDates(question string) []string {
	q := intent.Analyze(question)
	var out []string
	for _, d := range q.Dates {
		var ws []string
		for _, w := range d.Windows(e.reference(), e.src.Load().oldest) {
			ws = append(ws, w.From+".."+w.To)
		}
		if len(ws) == 0 {
			ws = append(ws, "a year's fact, no edition window")
		}
		out = append(out, d.Text+": "+strings.Join(ws, ", "))
	}
	return out
}
