package bot

import (
	"context"
	"fmt"
	"path/filepath"
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

// TestCalibrateRefusal is the calibration of DefaultMinEvidence. Every eval case (each eval set over
// its own library: testdata/eval/NAME.jsonl over testdata/NAME/ when that folder exists, else the
// built-in edition) is answered with the evidence threshold off; cases the compatibility checks
// refuse count as evidence 0. Every threshold between two neighbouring evidence values is scored
// as (unanswerable refused − correctly answered answerable refused); among the best-scoring
// intervals the widest is chosen and its midpoint logged. DefaultMinEvidence must lie in a best-scoring interval.
func TestCalibrateRefusal(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration: skipped under -short")
	}
	type point struct {
		ev         float64
		answerable bool
		correct    bool // answerable and, when answered, holding its must strings
		q, answer  string
	}
	var pts []point
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	builtin := builtinEngine(t, Options{MinEvidence: 1e-9})
	for _, f := range files {
		e := builtin
		if dir := evalLibraryDir(f); dir != "" {
			e = libraryEngine(t, dir)
			e.minEvidence = 1e-9
		}
		cases, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			out := caseOutcome(t, e, c)
			p := out.Attempt.Pick
			ev := p.Evidence
			if p.Mismatch != "" || !out.Answer.Found {
				ev = 0 // refused whatever the threshold
			}
			correct := c.Answerable() && missingMust(out.Answer.Answer, c.Must) == ""
			pts = append(pts, point{ev, c.Answerable(), correct, c.Q, fmt.Sprintf("mm %q %s", p.Mismatch, out.Answer.Answer)})
		}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].ev < pts[j].ev })
	var b strings.Builder
	for _, p := range pts {
		fmt.Fprintf(&b, "%.3f %-5v %s → %.70s\n", p.ev, p.answerable, p.q, p.answer)
	}
	t.Logf("evidence, ascending (answerable?):\n%s", b.String())

	type gap struct {
		lo, hi float64
		score  int
	}
	var gaps []gap
	for i := 0; i <= len(pts); i++ {
		// A threshold in (pts[i-1].ev, pts[i].ev] refuses pts[:i].
		score := 0
		for j, p := range pts {
			if j < i && !p.answerable {
				score++
			}
			if j < i && p.correct {
				score-- // refusing a wrong answer to an answerable question costs nothing
			}
		}
		g := gap{lo: 0, hi: 1, score: score}
		if i > 0 {
			g.lo = pts[i-1].ev
		}
		if i < len(pts) {
			g.hi = pts[i].ev
		}
		if g.hi > g.lo {
			gaps = append(gaps, g)
		}
	}
	best := gaps[0]
	for _, g := range gaps {
		if g.score > best.score || g.score == best.score && g.hi-g.lo > best.hi-best.lo {
			best = g
		}
	}
	inBest := false
	for _, g := range gaps {
		if g.score == best.score && DefaultMinEvidence > g.lo && DefaultMinEvidence <= g.hi {
			inBest = true
		}
	}
	t.Logf("%d cases; widest best threshold interval (%.3f, %.3f], midpoint %.3f, score %d; DefaultMinEvidence %.3f",
		len(pts), best.lo, best.hi, (best.lo+best.hi)/2, best.score, DefaultMinEvidence)
	if !inBest {
		t.Errorf("DefaultMinEvidence %.3f is outside every best-scoring interval (best (%.3f, %.3f])", DefaultMinEvidence, best.lo, best.hi)
	}
}
