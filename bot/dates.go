package bot

import (
	"context"
	"fmt"

	"newsbot/bot/internal/extract"
	"newsbot/retrieval"
)

// A date a question names is evidence matched against the edition date of the article that
// answers it: readers of an archive write "2024年7月28日…谁夺得金牌" where the report says 今天
// or 7月28日, and "4月23日习近平…致辞" of a report dated the next day. Such a date ranks the
// archive (the editions that agree with it first) and is never a reason to refuse when the
// edition date agrees.

// datedAttempt answers a question that names a day or a month from the editions of that time:
// the question without its date, over the articles dated within the date's window. ok is false
// when those editions hold no answer; the caller then answers as if no date were named.
func (e *Engine) datedAttempt(ctx context.Context, src *source, res extract.Resolution, d extract.NamedDate) (attempt, bool, error) {
	rest := d.Without(res.Q.Raw)
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
