package bot

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/retrieval"
)

// EvalReport holds the answer metrics of an eval set (DESIGN.md, eval format), printed by
// `newsbot eval FILE.jsonl`.
type EvalReport struct {
	Cases        int
	Answerable   int
	Unanswerable int
	Followups    int

	// Retrieval, over the answerable cases (retrieval.EvaluateRetrieval).
	Hit1, Hit5, MRR float64

	AnswerAccuracy   float64 // answerable cases whose answer holds every `must` string
	RefusalAccuracy  float64 // unanswerable cases refused (found false)
	FalseRefusalRate float64 // answerable cases refused
	FollowupAccuracy float64 // follow-up cases answered correctly
	CitationErrors   int     // answers whose citations fail VerifyAnswer (should be 0)

	Failures []EvalFailure // cases answered wrongly, in input order
}

// EvalFailure is one case the engine got wrong.
type EvalFailure struct {
	Case   retrieval.EvalCase
	Answer Answer
	Reason string
}

// Evaluate asks every case (each in a fresh conversation, its History first) and measures the
// answers. Retrieval figures come from retrieval.EvaluateRetrieval when the engine runs on a
// *retrieval.Index, else from the same measure over its Searcher.
func Evaluate(ctx context.Context, e *Engine, cases []retrieval.EvalCase) (EvalReport, error) {
	r := EvalReport{Cases: len(cases)}
	if err := r.measureRetrieval(ctx, e, cases); err != nil {
		return r, err
	}
	var correct, refusedUn, refusedAns, fuCorrect int
	for _, c := range cases {
		a, err := askCase(ctx, e, c)
		if err != nil {
			return r, fmt.Errorf("bot: eval %q: %w", c.Q, err)
		}
		if err := VerifyAnswer(a, e.Article); err != nil {
			r.CitationErrors++
			r.Failures = append(r.Failures, EvalFailure{Case: c, Answer: a, Reason: "citation: " + err.Error()})
		}
		if c.Kind == retrieval.KindFollowup {
			r.Followups++
		}
		if !c.Answerable() {
			r.Unanswerable++
			if !a.Found {
				refusedUn++
			} else {
				r.Failures = append(r.Failures, EvalFailure{Case: c, Answer: a, Reason: "answered an unanswerable question"})
			}
			continue
		}
		r.Answerable++
		if !a.Found {
			refusedAns++
		}
		if missing := missingMust(a.Answer, c.Must); missing == "" && a.Found {
			correct++
			if c.Kind == retrieval.KindFollowup {
				fuCorrect++
			}
		} else {
			reason := "refused"
			if a.Found {
				reason = fmt.Sprintf("answer lacks %q", missing)
			}
			r.Failures = append(r.Failures, EvalFailure{Case: c, Answer: a, Reason: reason})
		}
	}
	r.AnswerAccuracy = ratio(correct, r.Answerable)
	r.FalseRefusalRate = ratio(refusedAns, r.Answerable)
	r.RefusalAccuracy = ratio(refusedUn, r.Unanswerable)
	r.FollowupAccuracy = ratio(fuCorrect, r.Followups)
	return r, nil
}

func (r *EvalReport) measureRetrieval(ctx context.Context, e *Engine, cases []retrieval.EvalCase) error {
	if ix, ok := e.src.Load().s.(*retrieval.Index); ok {
		m, err := retrieval.EvaluateRetrieval(ctx, ix, cases)
		if err != nil {
			return fmt.Errorf("bot: eval retrieval: %w", err)
		}
		r.Hit1, r.Hit5, r.MRR = m.Hit1, m.Hit5, m.MRR
		return nil
	}
	n := 0
	for _, c := range cases {
		if !c.Answerable() {
			continue
		}
		rs, err := e.src.Load().s.Search(ctx, c.SearchQuery(), retrieval.SearchOptions{Limit: 10})
		if err != nil {
			return fmt.Errorf("bot: eval retrieval %q: %w", c.Q, err)
		}
		n++
		for i, res := range rs {
			if c.Matches(res.Article) {
				if i == 0 {
					r.Hit1++
				}
				if i < 5 {
					r.Hit5++
				}
				r.MRR += 1 / float64(i+1)
				break
			}
		}
	}
	if n > 0 {
		r.Hit1, r.Hit5, r.MRR = r.Hit1/float64(n), r.Hit5/float64(n), r.MRR/float64(n)
	}
	return nil
}

// askCase asks a case's history and question in a fresh conversation and returns the last answer.
func askCase(ctx context.Context, e *Engine, c retrieval.EvalCase) (Answer, error) {
	conv := ""
	for _, h := range c.History {
		a, err := e.Ask(ctx, conv, h)
		if err != nil {
			return Answer{}, err
		}
		conv = a.Conversation
	}
	return e.Ask(ctx, conv, c.Q)
}

// missingMust returns the first `must` entry none of whose "a|b" alternatives the answer holds
// (compared after width folding), or "" when all are there.
func missingMust(answer string, must []string) string {
	got := strings.ToLower(intent.Fold(answer))
	for _, m := range must {
		ok := false
		for _, alt := range strings.Split(m, "|") {
			if alt = strings.TrimSpace(alt); alt != "" && strings.Contains(got, strings.ToLower(intent.Fold(alt))) {
				ok = true
				break
			}
		}
		if !ok {
			return m
		}
	}
	return ""
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Write prints the report in the fixed format of `newsbot eval`: one figure a line, then the
// failures.
func (r EvalReport) Write(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "cases               %d (answerable %d, unanswerable %d, follow-up %d)\n",
		r.Cases, r.Answerable, r.Unanswerable, r.Followups)
	// A rate over no cases is "n/a", not a 0.000 that reads like a failure.
	rate := func(v float64, over int) string {
		if over == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.3f", v)
	}
	fmt.Fprintf(&b, "hit@1               %s\n", rate(r.Hit1, r.Answerable))
	fmt.Fprintf(&b, "hit@5               %s\n", rate(r.Hit5, r.Answerable))
	fmt.Fprintf(&b, "MRR                 %s\n", rate(r.MRR, r.Answerable))
	fmt.Fprintf(&b, "answer accuracy     %s\n", rate(r.AnswerAccuracy, r.Answerable))
	fmt.Fprintf(&b, "refusal accuracy    %s\n", rate(r.RefusalAccuracy, r.Unanswerable))
	fmt.Fprintf(&b, "false refusals      %s\n", rate(r.FalseRefusalRate, r.Answerable))
	fmt.Fprintf(&b, "follow-up accuracy  %s\n", rate(r.FollowupAccuracy, r.Followups))
	fmt.Fprintf(&b, "citation errors     %d\n", r.CitationErrors)
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "FAIL [%s] %s: %s → %s\n", f.Case.Kind, f.Case.Q, f.Reason, f.Answer.Answer)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// String is the report as Write prints it.
func (r EvalReport) String() string {
	var b strings.Builder
	_ = r.Write(&b)
	return b.String()
}
