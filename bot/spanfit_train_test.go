package bot

import (
	"encoding/json"
	"newsbot/bot/internal/intent"
	"os"
	"path/filepath"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/bot/internal/spanfit"
)

// The span model's training (bot/internal/extract/spanmodel.go, bot/internal/spanfit). Training sets: CMRC 2018 trial
// and XQuAD-zh (CC BY-SA 4.0, in ../shared/qa), every question with its gold passage, on the
// sentence the rules choose when it holds a gold answer, else the first that does; CMRC 2018 dev
// is what the model is measured on and DRCD dev is held out, neither is trained on.

// The fit's settings, chosen on CMRC 2018 dev (DRCD dev only reported): the training sets'
// answers of at most spanFitMaxAnswer characters (CMRC 2018 trial's answers run to whole clauses,
// median 19 characters, where dev's median is 7), each candidate wanted in proportion to its
// overlap with the answer cubed (spanFitSoft), and the model's span replacing a rule span when
// it expects 0.2 more overlap (spanFitMinGain): on dev the rules are precise where they align.
const (
	spanFitMaxAnswer = 16
	spanFitSoft      = 3
	spanFitMinGain   = 0.2
)

// spanModelPath is where the fitted span model is written, embedded by package spanfit.
var spanModelPath = filepath.Join("internal", "spanfit", "span_model.json")

// spanExamples are the training examples of set's questions that keep says to use: the sentence
// holding the answer as the cutter reads it, with the span the rules isolate there.
func spanExamples(set qaSet, keep func(i int) bool) []spanfit.Example {
	var out []spanfit.Example
	eachRulesChoice(set, keep, func(q qaQuestion, x *core.Extractor, _ []core.Pick, best core.Pick) {
		c := best.Cand
		sent := -1
		if holdsGold(c.Shown[best.Sent], q.Answers) {
			sent = best.Sent
		}
		for k := 0; sent < 0 && k < len(c.Sents); k++ {
			if holdsGold(c.Shown[k], q.Answers) {
				sent = k
			}
		}
		if sent < 0 {
			return
		}
		start, end, isolated, clause := extract.RuleSpan(x, c.Folded[sent], c.Shown[sent])
		if clause {
			return
		}
		out = append(out, spanfit.Example{Golds: q.Answers, Input: spanfit.Input{Q: &x.Q, Sentence: c.Folded[sent],
			Rule: spanfit.Span{Start: start, End: end}, RuleOK: isolated}})
	})
	return out
}

// eachRulesChoice calls f for each question of set that keep says to use and the extractor
// scores sentences for over its gold passage, with every sentence scored and the rules' choice.
func eachRulesChoice(set qaSet, keep func(i int) bool, f func(q qaQuestion, x *core.Extractor, all []core.Pick, best core.Pick)) {
	for i, q := range set.questions {
		if !keep(i) {
			continue
		}
		if x, all, ok := passageExtractor(q.Question, set.passages[q.GoldPID]); ok {
			f(q, x, all, extract.Rerank(x, all))
		}
	}
}

// spanSetF1 is EM and F1 (in points) of answerSpan on the questions of set that keep says to use,
// with the span model m (nil: the rules alone).
func spanSetF1(set qaSet, m *spanfit.Model, keep func(i int) bool) (em, f1 float64, n int) {
	saved := extract.SpanModel
	extract.SpanModel = m
	defer func() { extract.SpanModel = saved }()
	for i, q := range set.questions {
		if !keep(i) {
			continue
		}
		e, f := cmrcScores(answerSpan(q.Question, set.passages[q.GoldPID]), q.Answers)
		em, f1, n = em+e, f1+f, n+1
	}
	return 100 * em / float64(n), 100 * f1 / float64(n), n
}

// publicTrainSets are the public training sets (spanTrainSets) with their fixed-seed splits, and
// whether only the 80% is fitted on (NEWSBOT_SPAN_VALID=1); the test is skipped unless long.
func publicTrainSets(t *testing.T) (sets []qaSet, splits [][]bool, valid bool) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("model training: set NEWSBOT_LONG=1 (and no -short)")
	}
	for _, name := range spanTrainSets {
		set := loadQASet(t, name)
		sets, splits = append(sets, set), append(splits, splitOf(len(set.questions)))
	}
	return sets, splits, os.Getenv("NEWSBOT_SPAN_VALID") != ""
}

// TestTrainSpanModel fits span_model.json (with NEWSBOT_TRAIN=1 it writes the file) and reports EM/F1
// with the rules alone and with the model on the training sets, CMRC 2018 dev and DRCD dev. With
// NEWSBOT_SPAN_VALID=1 it fits on 80% of the training sets (spanSplitSeed) and reports the other
// 20%. Long: NEWSBOT_LONG=1.
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run TestTrainSpanModel -v -timeout 30m ./bot
func TestTrainSpanModel(t *testing.T) {
	sets, splits, valid := publicTrainSets(t)
	var examples []spanfit.Example
	for k, set := range sets {
		split := splits[k]
		ex := spanExamples(set, func(i int) bool {
			return (!valid || split[i]) && intent.RuneLen(set.questions[i].Answers[0]) <= spanFitMaxAnswer
		})
		t.Logf("%s: %d examples", set.name, len(ex))
		examples = append(examples, ex...)
	}
	m, err := spanfit.Fit(examples, spanfit.FitOptions{L2: 1, Negatives: 150, Seed: spanSplitSeed,
		Soft: spanFitSoft, MinGain: spanFitMinGain})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fitted on %d of %d questions", m.Used, len(examples))
	m.Note = "span model: CMRC 2018 trial + XQuAD-zh (CC BY-SA 4.0), the sentence holding a gold answer; TestTrainSpanModel"
	for i, f := range m.Logit.Features {
		t.Logf("  %-18s %+.3f", f, m.Logit.Weights[i])
	}
	eval := []string{"cmrc2018_dev", "drcd_dev"}
	for _, label := range []string{"rules", "model"} {
		mm := m
		if label == "rules" {
			mm = nil
		}
		for k, set := range sets {
			if label == "rules" {
				continue
			}
			split := splits[k]
			em, f1, n := spanSetF1(set, mm, func(i int) bool { return !valid || !split[i] })
			t.Logf("%s %s (%d, held-out 20%%: %v): EM %.1f F1 %.1f", label, set.name, n, valid, em, f1)
		}
		for _, name := range eval {
			em, f1, n := spanSetF1(loadQASet(t, name), mm, func(int) bool { return true })
			t.Logf("%s %s (%d): EM %.1f F1 %.1f", label, name, n, em, f1)
		}
	}
	if os.Getenv("NEWSBOT_TRAIN") != "" && !valid {
		data, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(spanModelPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
