// The evaluation: the eval sets' floors (built-in, held-out and other libraries, the fresh sets)
// checked in one place; the long scale and CMRC evaluations keep theirs in scale_test.go and
// cmrc_test.go behind NEWSBOT_LONG.

package bot

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"newsbot/retrieval"
)

// TestFreshEval runs the question sets of testdata/fresh over its ten editions (a county daily,
// a city evening paper, an economy page, a community weekly, a district front page, a weekly in
// traditional characters, a sports/culture page, a district daily page, a county page and a city
// evening page, written for this test) and fails below a regression floor. Each set was written
// before the bot first ran on its questions; the blind first runs, the honest estimates of quality
// on unseen questions, were (answer accuracy / refusal accuracy / false refusals):
//
//	fresh.jsonl  (67 cases, editions 1-2)      0.782 / 0.750 / 0.073
//	fresh2.jsonl (33, the economy page)        0.741 / 0.667 / 0.148
//	fresh3.jsonl (36, editions 1-3)            0.633 / 0.500 / 0.167
//	fresh4.jsonl (30, the community weekly)    0.500 / 0.500 / 0.375
//	fresh5.jsonl (20, follow-ups, keywords)    0.667 / 0.500 / 0.167 (follow-ups 0.429)
//	fresh6.jsonl (32, all editions)            0.650 / 0.500 / 0.150
//	fresh7.jsonl (33, a district front page)   0.852 / 0.500 / 0.074
//	fresh8.jsonl (26, all editions)            0.842 / 0.857 / 0.105
//	fresh9.jsonl (17, traditional characters)  0.733 / 0.500 / 0.200
//	fresh10.jsonl (26, how/why/分别, all)       0.762 / 0.400 / 0.048
//	fresh11.jsonl (27, a sports/culture page)  0.727 / 0.600 / 0.091
//	fresh12.jsonl (25, mostly near misses)     0.875 / 0.765 / 0.125
//	fresh13.jsonl (10, follow-ups)             0.778 / 1.000 / 0.222 (follow-ups 0.778)
//	fresh14.jsonl (20, colloquial paraphrases) 0.263 / 1.000 / 0.684 (not tuned on: the
//	               extractive answerer's limit; "走路的道" for 步道 needs the LLM path)
//	fresh15.jsonl (38, a district daily page,  0.793 / 0.667 / 0.172
//	               colloquial phone questions: 啥时候, 在哪, bare keywords, traditional)
//	fresh16.jsonl (36, a county page)          0.778 / 0.556 / 0.074
//	fresh17.jsonl (26, a city evening page,    0.684 / 0.714 / 0.211
//	               written after the fixes for fresh15/16)
//
// Their editions are new distractors for the older sets too: adding fresh15 and its edition took
// the unchanged answerer from 0.915 / 0.882 over all sets to 0.902 / 0.840 (青山县's population
// answered from 西堰区's), before the fixes.
//
// The answerer was then improved while looking at these failures, so the floor below was tuned on
// them: it guards against regressions and is no estimate of quality on unseen editions.
func TestFreshEval(t *testing.T) {
	var cases []retrieval.EvalCase
	files, err := filepath.Glob(filepath.Join("testdata", "fresh", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no question sets in testdata/fresh (%v)", err)
	}
	for _, f := range files {
		cs, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cs...)
	}
	rep, err := Evaluate(context.Background(), freshEngine(t), cases)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	t.Logf("\n%s", rep)
	checkFloors(t, rep, evalFloors{hit1: 0.93, answer: 0.91, refusal: 0.89, falseRefusalMax: 0.065, followup: 0.85})
}

// TestOtherLibraryEvals reports the eval sets that come with their own library
// (testdata/eval/NAME.jsonl with testdata/NAME/), e.g. held-out editions. Citations must verify;
// the figures are logged.
func TestOtherLibraryEvals(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	for _, f := range files {
		dir := evalLibraryDir(f)
		if dir == "" {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			cases, err := retrieval.LoadEvalSet(f)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(context.Background(), libraryEngine(t, dir), cases)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s over %s:\n%s", f, dir, rep)
			if rep.CitationErrors != 0 {
				t.Errorf("citation errors = %d, want 0", rep.CitationErrors)
			}
		})
	}
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
	checkFloors(t, rep, evalFloors{hit1: 0.97, answer: 0.92, refusal: 0.9, falseRefusalMax: 0.03, followup: 0.9})
	if os.Getenv("NEWSBOT_EVAL_OUT") != "" {
		_ = os.WriteFile(os.Getenv("NEWSBOT_EVAL_OUT"), []byte(rep.String()), 0o644)
	}
}

// evalFloors are the levels an eval report must keep: each rate at least its floor, the false
// refusal rate at most its ceiling, and no citation errors.
type evalFloors struct{ hit1, answer, refusal, falseRefusalMax, followup float64 }

func checkFloors(t *testing.T, rep EvalReport, f evalFloors) {
	t.Helper()
	checks := []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"hit@1", rep.Hit1, f.hit1, false},
		{"answer accuracy", rep.AnswerAccuracy, f.answer, false},
		{"refusal accuracy", rep.RefusalAccuracy, f.refusal, false},
		{"false refusals", rep.FalseRefusalRate, f.falseRefusalMax, true},
		{"follow-up accuracy", rep.FollowupAccuracy, f.followup, false},
	}
	for _, c := range checks {
		if c.atMost && c.got > c.want || !c.atMost && c.got < c.want {
			t.Errorf("%s = %.3f, want %s %.2f", c.name, c.got, map[bool]string{true: "≤", false: "≥"}[c.atMost], c.want)
		}
	}
	if rep.CitationErrors != 0 {
		t.Errorf("citation errors = %d, want 0", rep.CitationErrors)
	}
}
