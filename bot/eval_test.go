// The evaluation: the eval sets' floors checked in one place: built-in, held-out and other
// libraries, the fresh sets, the real pages, and (NEWSBOT_LONG) the blind xwlb sets; the long scale
// and CMRC evaluations keep theirs in scale_test.go and cmrc_test.go.

package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestRealPagesEval answers testdata/realpages/realpages.jsonl over the editions of
// ../corpus/testdata/heldback: pages written by us in the layouts real papers publish (scraped
// e-paper text in UTF-8 and GBK, RSS, Atom and JSON feeds, Markdown notes with front matter,
// Taiwanese article pages), parsed as a user's ingest would. The 44 questions were written and
// committed before the bot first answered them; that blind first run was (answer accuracy /
// refusal accuracy / false refusals):
//
//	realpages.jsonl (44: 38 answerable, 6 unanswerable)   0.711 / 1.000 / 0.263 (hit@1 1.000)
//
// Ten of the eleven misses were refusals of questions whose figure the text writes in Chinese
// numerals (九省区, 百分之十一, 三千萬元), as national dailies do. With a percentage (百分之七十五), a
// decimal (二点三亿) and a half (半小时) in Chinese numerals read as numbers, and 摄氏度 as the
// written form of 度, the same run gives 0.842 / 1.000 / 0.132; the floor below keeps that. Left:
// a figure counted by its noun with no measure word (九省区, 七部门), a reference to the subject of
// the sentence before (该校), units the tables lack (瓩, 攤).
func TestRealPagesEval(t *testing.T) {
	e := libraryEngine(t, filepath.Join("..", "corpus", "testdata", "heldback"))
	cases, err := retrieval.LoadEvalSet(filepath.Join("testdata", "realpages", "realpages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), e, cases)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	t.Logf("\n%s", rep)
	checkFloors(t, rep, evalFloors{hit1: 1, answer: 0.84, refusal: 1, falseRefusalMax: 0.14})
}

// TestXwlbBlindSets answers the blind real-news sets (testdata/xwlb) over the built-in edition
// plus all xwlb items and logs each set's report. Long: NEWSBOT_LONG=1; NEWSBOT_XWLB_SETS=blind-tune
// runs the tuning half alone.
//
// Blind first run (the questions of commit 30e1a3f, main at 8719756, before any change made
// for them; "refusals" is unanswerable cases refused, "false refusals" answerable ones refused):
//
//	set                   hit@1  hit@5  answer  refusals  false refusals
//	blind-tune (103)      0.642  0.864  0.617   0.545     0.111
//	blind-heldout (112)   0.629  0.843  0.596   0.609     0.135
//
// After dates as evidence (dates.go) and two-part questions (twopart.go), chosen on the tuning
// half alone:
//
//	blind-tune            0.642  0.864  0.691   0.500     0.062
//	blind-heldout         0.629  0.843  0.663   0.565     0.101
//
// The second blind set (blind2, 88 questions over 14 items of seed 20261208, none of the first
// draw), committed in b736898 before it was first run; its first run, main at 5cfd0f3, is its
// headline figure, and the set is held out from then on:
//
//	blind2 (88)           0.652  0.884  0.710   0.474     0.087
//
// After a named day ranks the archive (retrieval/datedprior.go) and a day or month no edition
// covers is refused (archive.go), chosen on the tuning half alone:
//
//	blind-tune            0.679  0.864  0.691   0.500     0.062
//	blind-heldout         0.652  0.854  0.663   0.609     0.112
//	blind2                0.681  0.884  0.710   0.526     0.101
//
// After figures are told apart by their qualifiers (qualifier.go, chosen on the tuning half):
//
//	blind-tune            0.679  0.864  0.691   0.591     0.062
//	blind-heldout         0.652  0.854  0.663   0.609     0.112
//	blind2                0.681  0.884  0.696   0.526     0.130
//
// After spans of years (2022—2023年), the title beside the question word and 哪天晚上 (tuning half):
//
//	blind-tune            0.679  0.864  0.716   0.591     0.049
//	blind-heldout         0.652  0.854  0.663   0.609     0.112
//	blind2                0.681  0.884  0.696   0.526     0.130
//
// After three lexicon entries (领队 a title, 代表团 an entity head, 题目~题为), held-out unchanged:
//
//	blind-tune            0.679  0.864  0.716   0.682     0.037
//
// After the thing measured may follow its figure (全长约24公里的深中通道), held-out unchanged:
//
//	blind-tune            0.679  0.864  0.728   0.682     0.037
//
// After 几号 asks a date unless a numbered thing follows (几号线), held-out unchanged:
//
//	blind-tune            0.679  0.864  0.741   0.682     0.025
//	blind-heldout         0.652  0.854  0.663   0.609     0.112
//	blind2                0.681  0.884  0.696   0.526     0.130
//
// The third blind set (blind3, 150 questions over 20 items of seed 20261209, none of the first
// two draws), committed in 6959040 before it was first run; its first run, main at 6959040, is
// its headline figure, and the set is held out (floors in xwlbFloors, a little under it):
//
//	blind3 (150)          0.792  0.900  0.717   0.733     0.075
//
// After the sentence model is on by default (fitted with the project's sets, blind-tune among
// them; sentgroups_test.go; main at 2db8dd6), the held-out sets measured once at the end, unchanged:
//
//	blind-tune            0.679  0.864  0.753   0.682     0.025
//	blind-heldout         0.652  0.854  0.663   0.609     0.112
//	blind2                0.681  0.884  0.696   0.526     0.130
//	blind3                0.792  0.900  0.717   0.733     0.075
//
// The fourth blind set (blind4, 150 questions over 20 items of seed 20261210, none of the first
// three draws), committed in c2b237c before it was first run; its first run, main at c2b237c, is
// its headline figure, and the set is held out (floors in xwlbFloors, a little under it):
//
//	blind4 (150)          0.733  0.908  0.617   0.667     0.133
//
// One of its unanswerable questions (全国重点民间投资项目库首批入库…) proved answered by another item
// (xwlb-20240821-09: the first batch of the list held 189 projects) and was replaced by one no item
// answers, written from the item alone and refused on the same answerer: refused 0.700 (21 of 30).
//
// The fifth set (tune5, 63 questions over 14 items of seed 20261211, most of them dated) is a
// tuning set, committed in 49fe8e4 before its first run (main at 49fe8e4):
//
//	tune5 (63)            0.700  0.940  0.680   0.769     0.100
//
// Only the tuning half's failures may be looked at to choose a rule or a weight; the held-out
// half is reported, never read for tuning.
func TestXwlbBlindSets(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("blind real-news sets: set NEWSBOT_LONG=1 (and no -short)")
	}
	// NEWSBOT_SENTENCE_MODEL=0|1 and NEWSBOT_ANSWER_MODEL=0|1 turn the fitted models off or on
	// against the defaults, to compare.
	e := xwlbEngine(t, modelOptions(Options{}))
	sets := []string{"blind-tune", "blind-heldout", "blind2", "blind3", "blind4", "tune5"}
	if v := os.Getenv("NEWSBOT_XWLB_SETS"); v != "" {
		sets = strings.Split(v, ",") // e.g. blind-tune alone while tuning
	}
	for _, name := range sets {
		cases, err := retrieval.LoadEvalSet(filepath.Join("..", "testdata", "xwlb", name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Evaluate(context.Background(), e, cases)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s over built-in + all xwlb:\n%s", name, rep)
		if rep.CitationErrors != 0 {
			t.Errorf("%s: citation errors = %d, want 0", name, rep.CitationErrors)
		}
		checkXwlbFloors(t, name, rep)
	}
}

// xwlbFloor is the least a blind set's figures may fall to before TestXwlbBlindSets fails: a
// little under the set's blind first run, so a regression fails and noise of a question or two
// does not.
type xwlbFloor struct {
	hit1, answer, refused float64 // at least
	falseRefusals         float64 // at most
}

// xwlbFloors holds the floors of the blind sets, a question or two under their figures. blind3's
// first run (main at 6959040): hit@1 0.792, answer accuracy 0.717, unanswerable refused 0.733,
// false refusals 0.075. The dated questions (85317b7: a date an edition agrees with is no reason
// to refuse) traded on it two refused unanswerable questions for four right answers (0.750 /
// 0.667 / 0.058), so its floors follow that state; the other sets' floors were set at main
// 4f1687e (blind-tune 0.679 / 0.753 / 0.682 / 0.025, blind-heldout 0.652 / 0.663 / 0.565 / 0.090,
// blind2 0.681 / 0.696 / 0.526 / 0.130). A floor is a guard against regressions, never a target
// tuned on a held-out set. blind4's first run (main at c2b237c, its one mislabelled unanswerable
// question replaced): hit@1 0.733, answer accuracy 0.617, unanswerable refused 0.700, false
// refusals 0.133. blind-tune's three unanswerable questions another item answers became answerable
// (README, the blind sets' audit): 0.667 / 0.738 / 0.684 / 0.048 at main ff95ebd, its floors a
// question under that.
// tune5 (a tuning set of dated questions, seed 20261211) first ran at main 49fe8e4: 0.700 / 0.680 /
// 0.769 / 0.100, its floors a question or two under that.
var xwlbFloors = map[string]xwlbFloor{
	"blind-tune":    {hit1: 0.65, answer: 0.72, refused: 0.63, falseRefusals: 0.06},
	"blind-heldout": {hit1: 0.60, answer: 0.62, refused: 0.70, falseRefusals: 0.11},
	"blind2":        {hit1: 0.65, answer: 0.66, refused: 0.47, falseRefusals: 0.16},
	"blind3":        {hit1: 0.77, answer: 0.72, refused: 0.63, falseRefusals: 0.09},
	"blind4":        {hit1: 0.71, answer: 0.60, refused: 0.63, falseRefusals: 0.15},
	"tune5":         {hit1: 0.66, answer: 0.64, refused: 0.69, falseRefusals: 0.14},
}

// checkXwlbFloors fails t when the report of set name falls under the set's floor.
func checkXwlbFloors(t *testing.T, name string, rep EvalReport) {
	t.Helper()
	for _, v := range xwlbFloorViolations(name, rep) {
		t.Error(v)
	}
}

// xwlbFloorViolations lists the figures of rep under set name's floor (none for a set without).
func xwlbFloorViolations(name string, rep EvalReport) []string {
	f, ok := xwlbFloors[name]
	if !ok {
		return nil
	}
	var out []string
	under := func(what string, got, floor float64) {
		if got < floor {
			out = append(out, fmt.Sprintf("%s: %s %.3f, floor %.2f", name, what, got, floor))
		}
	}
	under("hit@1", rep.Hit1, f.hit1)
	under("answer accuracy", rep.AnswerAccuracy, f.answer)
	under("unanswerable refused", rep.RefusalAccuracy, f.refused)
	if rep.FalseRefusalRate > f.falseRefusals {
		out = append(out, fmt.Sprintf("%s: false refusals %.3f, ceiling %.2f", name, rep.FalseRefusalRate, f.falseRefusals))
	}
	return out
}

// TestXwlbFloorViolations checks the floors bite: blind3's measured run passes, a report a little
// worse on each figure fails on each, and a set without floors never fails.
func TestXwlbFloorViolations(t *testing.T) {
	now := EvalReport{Hit1: 0.792, AnswerAccuracy: 0.750, RefusalAccuracy: 0.667, FalseRefusalRate: 0.058}
	if v := xwlbFloorViolations("blind3", now); len(v) != 0 {
		t.Errorf("the measured run breaks its own floors: %v", v)
	}
	worse := EvalReport{Hit1: 0.75, AnswerAccuracy: 0.70, RefusalAccuracy: 0.60, FalseRefusalRate: 0.10}
	if v := xwlbFloorViolations("blind3", worse); len(v) != 4 {
		t.Errorf("a worse run: %d violations %v, want 4", len(v), v)
	}
	if v := xwlbFloorViolations("no-such-set", worse); len(v) != 0 {
		t.Errorf("a set without floors: got %v", v)
	}
}
