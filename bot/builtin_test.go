package bot

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// builtinIndex is the index of the real built-in edition (corpus.Builtin → retrieval.Build),
// built once for the package's tests.
var builtinIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	ed, err := corpus.Builtin()
	if err != nil {
		return nil, err
	}
	return retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
})

func builtinEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	ix, err := builtinIndex()
	if err != nil {
		t.Fatalf("build the built-in index: %v", err)
	}
	return NewEngine(ix, opts)
}

// evalCases loads every eval set in testdata/eval at the repository root.
func evalCases(t testing.TB) []retrieval.EvalCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no eval sets in ../testdata/eval (%v)", err)
	}
	var all []retrieval.EvalCase
	for _, f := range files {
		cs, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatalf("load %s: %v", f, err)
		}
		all = append(all, cs...)
	}
	return all
}

// TestEvalTargets asserts the project's targets on the eval sets over the built-in edition, so
// that a regression fails CI. Run with -v to see the report.
func TestEvalTargets(t *testing.T) {
	e := builtinEngine(t, Options{})
	rep, err := Evaluate(context.Background(), e, evalCases(t))
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	t.Logf("\n%s", rep)
	checks := []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"hit@1", rep.Hit1, 0.97, false},
		{"answer accuracy", rep.AnswerAccuracy, 0.92, false},
		{"refusal accuracy", rep.RefusalAccuracy, 0.9, false},
		{"false refusals", rep.FalseRefusalRate, 0.03, true},
		{"follow-up accuracy", rep.FollowupAccuracy, 0.9, false},
	}
	for _, c := range checks {
		if c.atMost && c.got > c.want || !c.atMost && c.got < c.want {
			t.Errorf("%s = %.3f, want %s %.2f", c.name, c.got, map[bool]string{true: "≤", false: "≥"}[c.atMost], c.want)
		}
	}
	if rep.CitationErrors != 0 {
		t.Errorf("citation errors = %d, want 0", rep.CitationErrors)
	}
	if os.Getenv("NEWSBOT_EVAL_OUT") != "" {
		_ = os.WriteFile(os.Getenv("NEWSBOT_EVAL_OUT"), []byte(rep.String()), 0o644)
	}
}
