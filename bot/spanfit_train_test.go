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

// The span model's training (bot/internal/extract/spanmodel.go, bot/internal/spanfit). Training
// sets: CMRC 2018 trial, XQuAD-zh and 70% of CMRC 2018 dev (cmrcTrain, seed cmrcSplitSeed: the
// split the answer model trains on too; CC BY-SA 4.0, in ../shared/qa), every question with its
// gold passage, on the sentence the rules choose when it holds a gold answer, else the first that
// does. Trial's and XQuAD's answers are longer than dev's (trial's median 19 characters, dev's 7),
// so dev's own questions teach the lengths and edges its answers have. The other 30% of CMRC 2018
// dev is the honest figure; DRCD dev is held out, never trained or tuned on.

// The fit's settings: answers of at most spanFitMaxAnswer characters (longer ones are clauses,
// which the cutter gives), each candidate wanted in proportion to its overlap with the answer to
// the power spanFitSoft (a near miss is worth some, the answer itself most; chosen on a third of
// the 70% held out of a fit on the rest, inside the answering sentence: 3 and 0 gave F1 1-2
// points less).
const (
	spanFitMaxAnswer = 16
	spanFitSoft      = 8
)

// spanFitGains are the MinGain values chooseMinGain tries on the 70% of CMRC 2018 dev.
var spanFitGains = []float64{0, 0.05, 0.1, 0.2}

// spanModelPath is where the fitted span model is written, embedded by package spanfit.
var spanModelPath = filepath.Join("internal", "spanfit", "span_model.json")

// spanExamples are the training examples of set's questions that keep says to use: the sentence
// holding the answer as the cutter reads it, with the span the rules isolate there.
func spanExamples(set qaSet, keep func(i int) bool) []spanfit.Example {
	// The rules alone choose the sentence: the span model's spans reach the checks that may send
	// the choice to a runner-up, and the model in span_model.json must not shape its own refit.
	saved := extract.SpanModel
	extract.SpanModel = nil
	defer func() { extract.SpanModel = saved }()
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

// TestTrainSpanModel fits span_model.json (with NEWSBOT_TRAIN=1 it writes the file) on CMRC 2018
// trial, XQuAD-zh and the 70% of CMRC 2018 dev that cmrcTrain keeps (seed cmrcSplitSeed, the
// split the answer model uses too), then chooses MinGain on that 70% (spanFitGains), and reports
// EM/F1 with the rules alone and with the model on the other 30% of CMRC 2018 dev (the honest
// figure), all of it, and DRCD dev (held out). With NEWSBOT_SPAN_VALID=1 it fits on 80% of trial
// and XQuAD (spanSplitSeed) and reports the other 20%. Long: NEWSBOT_LONG=1.
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run TestTrainSpanModel -v -timeout 60m ./bot
func TestTrainSpanModel(t *testing.T) {
	sets, splits, valid := publicTrainSets(t)
	dev, train := loadQASet(t, "cmrc2018_dev"), cmrcTrain(cmrcSplitSeed)
	var examples []spanfit.Example
	for k, set := range append(sets, dev) {
		keep := train
		if k < len(sets) {
			split := splits[k]
			keep = func(i int) bool { return !valid || split[i] }
		}
		ex := spanExamples(set, func(i int) bool {
			return keep(i) && intent.RuneLen(set.questions[i].Answers[0]) <= spanFitMaxAnswer
		})
		t.Logf("%s: %d examples", set.name, len(ex))
		examples = append(examples, ex...)
	}
	m, err := spanfit.Fit(examples, spanfit.FitOptions{L2: 1, Negatives: 150, Seed: spanSplitSeed, Soft: spanFitSoft})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fitted on %d of %d questions", m.Used, len(examples))
	m.Note = "span model: CMRC 2018 trial + XQuAD-zh + 70% of CMRC 2018 dev (seed 20261207; CC BY-SA 4.0), the sentence holding a gold answer; TestTrainSpanModel"
	for i, f := range m.Logit.Features {
		t.Logf("  %-18s %+.3f", f, m.Logit.Weights[i])
	}
	m.MinGain = chooseMinGain(t, dev, m, train)
	reportSpanModel(t, sets, splits, valid, m)
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

// chooseMinGain is the gain of spanFitGains with the best average of EM and F1 (CMRC 2018's
// overall score) on the questions of dev that train keeps (the first of equal ones): how much
// more overlap the model must expect than the rule span to replace it. F1 alone barely tells 0
// from 0.05 while EM does: an exact rule span is worth keeping over a model span that hedges.
func chooseMinGain(t *testing.T, dev qaSet, m *spanfit.Model, train func(int) bool) float64 {
	best, bestScore := spanFitGains[0], -1.0
	for _, g := range spanFitGains {
		m.MinGain = g
		em, f1, n := spanSetF1(dev, m, train)
		t.Logf("MinGain %.2f: %s 70%% (%d): EM %.1f F1 %.1f", g, dev.name, n, em, f1)
		if (em+f1)/2 > bestScore+1e-9 {
			best, bestScore = g, (em+f1)/2
		}
	}
	t.Logf("MinGain chosen: %.2f", best)
	return best
}

// reportSpanModel logs EM/F1 with the rules alone and with m: on the training sets' held-out 20%
// (valid), on the 30% of CMRC 2018 dev not trained on, all of CMRC 2018 dev, and DRCD dev.
func reportSpanModel(t *testing.T, sets []qaSet, splits [][]bool, valid bool, m *spanfit.Model) {
	held := cmrcTrain(cmrcSplitSeed)
	for _, mm := range []*spanfit.Model{nil, m} {
		label := "model"
		if mm == nil {
			label = "rules"
		}
		for k, set := range sets {
			if mm == nil || !valid {
				continue
			}
			split := splits[k]
			em, f1, n := spanSetF1(set, mm, func(i int) bool { return !split[i] })
			t.Logf("%s %s (%d, held-out 20%%): EM %.1f F1 %.1f", label, set.name, n, em, f1)
		}
		dev := loadQASet(t, "cmrc2018_dev")
		for _, part := range []struct {
			name string
			keep func(int) bool
		}{{"cmrc2018_dev 30% held out", func(i int) bool { return !held(i) }}, {"cmrc2018_dev all", func(int) bool { return true }}} {
			em, f1, n := spanSetF1(dev, mm, part.keep)
			t.Logf("%s %s (%d): EM %.1f F1 %.1f", label, part.name, n, em, f1)
		}
		em, f1, n := spanSetF1(loadQASet(t, "drcd_dev"), mm, func(int) bool { return true })
		t.Logf("%s drcd_dev (%d, held out): EM %.1f F1 %.1f", label, n, em, f1)
	}
}
