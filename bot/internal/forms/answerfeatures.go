package forms

import (
	"math"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"strings"
	"time"
)

// The features of the answer-or-refuse model (answermodel.go): what the answerer computed about
// an extracted answer that passed the checks, read once more at the attempt stage. Each is
// general (no word of a particular question): how much of the question the quote holds and how
// much whole, whether the words beside the question word, the asked noun and the asked unit are
// in the quoted window, how far ahead of the runner-up the chosen sentence scored, whether the
// date the question names agrees with the article's edition date, and the question's form.

// AnswerFeatureNames name answerFeatures' values, in order; refusal_model.json must list the same.
var AnswerFeatureNames = []string{
	"evidence", "own_coverage", "span", "rank", "typed", "score",
	"score_share", "runner_up", "top_same_article", "headline_coverage", "runs_whole", "runs_touched",
	"anchors_held", "has_anchors", "noun_held", "has_noun", "unit_held", "has_unit",
	"names_date", "date_agrees", "names_year", "joined", "followup", "answer_len", "question_runs",
	"position", "q_number", "q_date", "q_person", "q_place", "q_list_what", "q_clause",
}

// AnswerFeatures describes pick p, an answer to res that passed the checks, for the model.
func AnswerFeatures(res *core.Resolution, p core.Pick) []float64 {
	q := res.Q
	rank := 0
	var window, headline string
	position := 0.0
	if c := p.Cand; c != nil {
		rank = c.Rank
		headline = c.Headline
		if p.Sent < len(c.Folded) && p.From <= p.Sent {
			window = strings.Join(c.Folded[p.From:p.Sent+1], "")
			position = float64(p.Sent) / float64(len(c.Folded))
		}
	}
	seen := window + " " + headline
	runs := intent.RunsOf(q.Norm, q.QWord)
	whole, touched := runsHeld(runs, seen)
	anchors := core.AnchorsOf(q)
	noun := askedNoun(q)
	units := core.ExpectedUnits(q)
	namesDate, agrees := dateAgreement(q, p)
	share, runnerUp, same := scoreMargins(p)
	return []float64{
		p.Evidence, p.OwnCov, B2f(p.Span != ""), 1 / float64(1+rank), B2f(q.Type != intent.Other),
		math.Log1p(math.Max(p.Score, 0)),
		share, runnerUp, same, core.CharCoverage(runs, headline), whole, touched,
		heldShare(anchors, window), B2f(len(anchors) > 0), B2f(noun != "" && core.HoldsRun(seen, noun)), B2f(noun != ""),
		B2f(core.ContainsAnyOf(window, units)), B2f(len(units) > 0),
		B2f(namesDate), B2f(agrees), B2f(bareYearIn(q.Norm)), B2f(p.From < p.Sent), B2f(len(res.Topic) > 0),
		math.Log1p(float64(intent.RuneLen(p.Unit))), math.Log1p(float64(len(runs))), position,
		B2f(q.Type == intent.Number), B2f(q.Type == intent.Date), B2f(q.Type == intent.Person || q.Type == intent.Title),
		B2f(q.Type == intent.Place || q.Type == intent.Org), B2f(q.Type == intent.List || q.Type == intent.What),
		B2f(q.Type == intent.How || q.Type == intent.YesNo || q.Type == intent.Other),
	}
}

// runsHeld is the share of the question's content runs that text holds whole and the share it
// holds at least a two-character piece of.
func runsHeld(runs []string, text string) (whole, touched float64) {
	if len(runs) == 0 {
		return 0, 0
	}
	for _, r := range runs {
		if core.HoldsRun(text, r) {
			whole++
		}
		if core.CharCoverage([]string{r}, text) > 0 {
			touched++
		}
	}
	n := float64(len(runs))
	return whole / n, touched / n
}

// heldShare is the share of words that text holds, 0 when there are none.
func heldShare(words []string, text string) float64 {
	if len(words) == 0 {
		return 0
	}
	held := 0
	for _, w := range words {
		if strings.Contains(text, w) {
			held++
		}
	}
	return float64(held) / float64(len(words))
}

// askedNoun is the noun the question asks about (什么特产 → 特产, 多少个学员小组 → 学员小组), "" when
// none.
func askedNoun(q intent.Intent) string {
	for _, n := range []string{q.Asked.Noun, q.Asked.Counted, q.Asked.Wanted} {
		if intent.RuneLen(n) >= 2 {
			return n
		}
	}
	return ""
}

// dateAgreement: whether the question names a day or a month with its year, and whether the
// answering article's edition date reports it (dates.go).
func dateAgreement(q intent.Intent, p core.Pick) (named, agrees bool) {
	for _, d := range q.Dates {
		if !d.Written() || d.YearOnly() {
			continue
		}
		if p.Cand == nil {
			return true, false
		}
		return true, d.Agrees(p.Cand.Article.Date, time.Time{}, 0)
	}
	return false, false
}

// bareYearIn reports whether a question names a year standing alone (2024年, checks.go's yearRe).
func bareYearIn(norm string) bool { return core.YearRe.MatchString(norm) }

// scoreMargins: the pick's score as a share of the best sentence's, the runner-up's (the best
// other sentence) as a share of the pick's, and the share of the best-scored sentences that are
// the pick's article's.
func scoreMargins(p core.Pick) (share, runnerUp, same float64) {
	if len(p.Top) == 0 || p.Top[0].Score <= 0 {
		return 1, 0, 1
	}
	share = math.Min(p.Score/p.Top[0].Score, 1)
	for _, r := range p.Top {
		if r.Cand == p.Cand && r.Sent == p.Sent {
			continue
		}
		if runnerUp == 0 && p.Score > 0 {
			runnerUp = math.Min(r.Score/p.Score, 2)
		}
	}
	n := 0
	for _, r := range p.Top {
		if r.Cand == p.Cand {
			n++
		}
	}
	return share, runnerUp, float64(n) / float64(len(p.Top))
}

// B2f is 1 for true, 0 for false.
func B2f(v bool) float64 {
	if v {
		return 1
	}
	return 0
}
