package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"newsbot/retrieval"
)

// caseEvidence runs one eval case through an engine that never refuses and returns the evidence
// of its final answer and whether that answer holds the case's must strings.
func caseEvidence(t *testing.T, e *Engine, c retrieval.EvalCase) (float64, bool, string) {
	out := caseOutcome(t, e, c)
	return out.Attempt.Pick.Evidence, missingMust(out.Answer.Answer, c.Must) == "", out.Answer.Answer
}

func caseOutcome(t *testing.T, e *Engine, c retrieval.EvalCase) outcome {
	t.Helper()
	conv := ""
	for _, h := range c.History {
		out, err := e.ask(context.Background(), conv, h)
		if err != nil {
			t.Fatalf("ask %q: %v", h, err)
		}
		conv = out.Answer.Conversation
	}
	out, err := e.ask(context.Background(), conv, c.Q)
	if err != nil {
		t.Fatalf("ask %q: %v", c.Q, err)
	}
	return out
}

// TestCalibrateRefusal is the calibration of DefaultMinEvidence. Every eval case is answered with
// refusals off; the evidence of answerable and unanswerable cases is collected, and every midpoint
// between two neighbouring evidence values is scored as (unanswerable refused − answerable
// refused). The best-scoring interval is logged; DefaultMinEvidence must lie inside it.
func TestCalibrateRefusal(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration: skipped under -short")
	}
	e := builtinEngine(t, Options{MinEvidence: 1e-9})
	type point struct {
		ev         float64
		answerable bool
		q, answer  string
	}
	var pts []point
	for _, c := range evalCases(t) {
		out := caseOutcome(t, e, c)
		p := out.Attempt.Pick
		var cov, dense float64
		if len(out.Attempt.Results) > 0 {
			cov, dense = out.Attempt.Results[0].Coverage, out.Attempt.Results[0].Dense
		}
		ev := p.Evidence
		if p.Mismatch != "" {
			ev = 0 // refused whatever the threshold
		}
		pts = append(pts, point{ev, c.Answerable(), c.Q, fmt.Sprintf("mm %q rc %.2f d %.2f %s", p.Mismatch, cov, dense, out.Answer.Answer)})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].ev < pts[j].ev })
	var b strings.Builder
	for _, p := range pts {
		fmt.Fprintf(&b, "%.3f %-5v %s → %.70s\n", p.ev, p.answerable, p.q, p.answer)
	}
	t.Logf("evidence, ascending (answerable?):\n%s", b.String())

	bestScore, lo, hi := -1<<30, 0.0, 0.0
	for i := 0; i <= len(pts); i++ {
		// Threshold between pts[i-1] and pts[i]: refuse pts[:i].
		score := 0
		for j, p := range pts {
			refused := j < i
			if refused && !p.answerable {
				score++
			}
			if refused && p.answerable {
				score--
			}
		}
		low, high := 0.0, 1.0
		if i > 0 {
			low = pts[i-1].ev
		}
		if i < len(pts) {
			high = pts[i].ev
		}
		if score > bestScore {
			bestScore, lo, hi = score, low, high
		}
	}
	t.Logf("best threshold interval (%.3f, %.3f], midpoint %.3f, score %d; DefaultMinEvidence %.3f",
		lo, hi, (lo+hi)/2, bestScore, DefaultMinEvidence)
	if DefaultMinEvidence <= lo || DefaultMinEvidence > hi {
		t.Errorf("DefaultMinEvidence %.3f is outside the calibrated interval (%.3f, %.3f]", DefaultMinEvidence, lo, hi)
	}
}
