package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
	"newsbot/internal/logreg"
	"newsbot/retrieval"
)

// refusalExample is one extracted answer, described for the answer-or-refuse decision, and
// whether giving it would be right.
type refusalExample struct {
	x     []float64
	right bool
	ev    float64 // its evidence, for the threshold it replaces
}

// projectExamples answers the project's own eval sets with the evidence threshold off: every
// testdata/eval set over its library, the fresh sets over their editions, and (when ../shared is
// there) the tuning half of the blind real-news sets over the built-in edition plus all xwlb. The
// held-out half is never read. Answers a check refuses are left out: no threshold gives them.
func projectExamples(t *testing.T) []refusalExample {
	off := Options{MinEvidence: 1e-9}
	var out []refusalExample
	add := func(e *Engine, files ...string) {
		for _, f := range files {
			cases, err := retrieval.LoadEvalSet(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				o := caseOutcome(t, e, c)
				p := o.Attempt.Pick
				if !o.Answer.Found || p.Cand == nil {
					continue
				}
				right := c.Answerable() && missingMust(o.Answer.Answer, c.Must) == ""
				out = append(out, refusalExample{refusalFeatures(o.Attempt.Res.Q, p), right, p.Evidence})
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	for _, f := range files {
		if dir := evalLibraryDir(f); dir != "" {
			e := libraryEngine(t, dir)
			e.minEvidence = off.MinEvidence
			add(e, f)
		} else {
			add(builtinEngine(t, off), f)
		}
	}
	ix, err := freshIndex()
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := filepath.Glob(filepath.Join("testdata", "fresh", "*.jsonl"))
	add(NewEngine(ix, off), fresh...)
	if len(xwlbArticles(t)) > 0 {
		add(xwlbEngine(t, off), filepath.Join("..", "testdata", "xwlb", "blind-tune.jsonl"))
	}
	return out
}

// qaExamples makes decision examples from a public QA set, SQuAD 2.0 style: each question with
// its gold passage (right when the answer holds a gold answer) and with the nearest passage that
// is not its gold one (never right). split picks the questions used.
func qaExamples(t *testing.T, name string, split func(i int) bool) []refusalExample {
	dir := filepath.Join("..", "..", "shared", "qa")
	pPath, qPath := filepath.Join(dir, name+".passages.jsonl"), filepath.Join(dir, name+".questions.jsonl")
	var arts []corpus.Article
	text := map[string]string{}
	for _, p := range readJSONL[qaPassage](t, pPath) {
		text[p.PID] = p.Text
		arts = append(arts, corpus.Article{ID: p.PID, Kind: corpus.KindNews, Text: p.Text})
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []refusalExample
	example := func(q string, passage string, golds []string) {
		cands := prepareCandidates([]retrieval.Result{{Article: corpus.Article{ID: "p", Text: passage}}}, 1)
		res := resolve(analyze(q), nil)
		p, ok := extract(res, cands)
		if !ok || p.Mismatch != "" {
			return
		}
		answer := p.Span
		if answer == "" {
			answer = p.Unit
		}
		right := len(golds) > 0 && missingMust(answer, []string{strings.Join(golds, "|")}) == ""
		out = append(out, refusalExample{refusalFeatures(res.Q, p), right, p.Evidence})
	}
	for i, q := range readJSONL[qaQuestion](t, qPath) {
		gold, ok := text[q.GoldPID]
		if !ok || !split(i) {
			continue
		}
		example(q.Question, gold, q.Answers)
		rs, err := ix.Search(context.Background(), q.Question, retrieval.SearchOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Article.ID != q.GoldPID {
				example(q.Question, r.Article.Text, nil)
				break
			}
		}
	}
	return out
}

// cmrcTrain splits CMRC 2018 dev by a fixed seed: 70% of the questions train the model, the rest
// are its CMRC dev figures.
func cmrcTrain(seed uint64) func(i int) bool {
	rng := rand.New(rand.NewPCG(seed, 7))
	memo := map[int]bool{}
	last := -1
	return func(i int) bool {
		for last < i { // one draw per question, in order, whatever is asked
			last++
			memo[last] = rng.Float64() < 0.7
		}
		return memo[i]
	}
}

const cmrcSplitSeed = 20261207

// decisionFigures scores a decision rule over examples: right answers given, wrong ones refused.
func decisionFigures(exs []refusalExample, give func(refusalExample) bool) string {
	var right, rightGiven, wrong, wrongRefused int
	for _, ex := range exs {
		g := give(ex)
		if ex.right {
			right++
			if g {
				rightGiven++
			}
		} else {
			wrong++
			if !g {
				wrongRefused++
			}
		}
	}
	return fmt.Sprintf("right answers given %.3f (%d), wrong ones refused %.3f (%d), decisions right %.3f",
		ratio(rightGiven, right), right, ratio(wrongRefused, wrong), wrong, ratio(rightGiven+wrongRefused, right+wrong))
}

// TestTrainRefusalModel fits refusal_model.json, the answer-or-refuse model (refusal.go), and
// writes it. Training data: the project's eval sets (projectExamples) and 70% of CMRC 2018 dev
// (split by cmrcSplitSeed), SQuAD-2.0 style; each source weighs half. DRCD dev is held out: it and
// the other 30% of CMRC are only reported. Deterministic: the same data write the same file.
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run TestTrainRefusalModel -v -timeout 60m ./bot
func TestTrainRefusalModel(t *testing.T) {
	if os.Getenv("NEWSBOT_LONG") == "" || os.Getenv("NEWSBOT_TRAIN") == "" {
		t.Skip("training: set NEWSBOT_LONG=1 NEWSBOT_TRAIN=1")
	}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "qa", "cmrc2018_dev.questions.jsonl")); err != nil {
		t.Skipf("../shared/qa not available: %v", err)
	}
	sets := cachedExamples(t, os.Getenv("NEWSBOT_TRAIN_CACHE"), func() [][]refusalExample {
		train := cmrcTrain(cmrcSplitSeed)
		return [][]refusalExample{projectExamples(t), qaExamples(t, "cmrc2018_dev", train),
			qaExamples(t, "cmrc2018_dev", func(i int) bool { return !train(i) }),
			qaExamples(t, "drcd_dev", func(int) bool { return true })}
	})
	proj, cmrc, cmrcDev, drcd := sets[0], sets[1], sets[2], sets[3]

	var exs []logreg.Example
	for _, src := range [][]refusalExample{proj, cmrc} {
		for _, ex := range src {
			exs = append(exs, logreg.Example{X: ex.x, Y: ex.right, Weight: 1000 / float64(len(src))})
		}
	}
	m, err := logreg.Fit(refusalFeatureNames, exs, logreg.Options{L2: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.Note = fmt.Sprintf("fitted by TestTrainRefusalModel on %d project eval answers and %d CMRC 2018 dev (70%%, seed %d) answers", len(proj), len(cmrc), cmrcSplitSeed)
	m = m.Rounded()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("refusal_model.json", append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("model:\n%s", data)
	threshold := func(ex refusalExample) bool { return ex.ev >= DefaultMinEvidence }
	model := func(ex refusalExample) bool { return m.Decide(ex.x) }
	for _, s := range []struct {
		name string
		exs  []refusalExample
	}{{"project eval sets (training)", proj}, {"CMRC 2018 dev 70% (training)", cmrc},
		{"CMRC 2018 dev 30% (held out)", cmrcDev}, {"DRCD dev (held out)", drcd}} {
		t.Logf("%s, %d answers:\n  threshold %.3f: %s\n  model:           %s", s.name, len(s.exs), DefaultMinEvidence,
			decisionFigures(s.exs, threshold), decisionFigures(s.exs, model))
	}
}

// cachedExamples computes the training and evaluation examples, or reads them from path when a
// previous run saved them there (NEWSBOT_TRAIN_CACHE, for trying fits quickly; "" computes).
func cachedExamples(t *testing.T, path string, compute func() [][]refusalExample) [][]refusalExample {
	type row struct {
		X     []float64
		Right bool
		Ev    float64
	}
	if path != "" {
		if data, err := os.ReadFile(path); err == nil {
			var rows [][]row
			if err := json.Unmarshal(data, &rows); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			out := make([][]refusalExample, len(rows))
			for i, rs := range rows {
				for _, r := range rs {
					out[i] = append(out[i], refusalExample{r.X, r.Right, r.Ev})
				}
			}
			return out
		}
	}
	sets := compute()
	if path != "" {
		rows := make([][]row, len(sets))
		for i, exs := range sets {
			for _, ex := range exs {
				rows[i] = append(rows[i], row{ex.x, ex.right, ex.ev})
			}
		}
		data, _ := json.Marshal(rows)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return sets
}

// TestAnswerModelOnEvalSets compares the fitted answer model (Options.AnswerModel) with the
// calibrated threshold on the built-in and fresh eval sets, the comparison that keeps the
// threshold the default. Long: NEWSBOT_LONG=1.
func TestAnswerModelOnEvalSets(t *testing.T) {
	if os.Getenv("NEWSBOT_LONG") == "" || refusalModel == nil {
		t.Skip("set NEWSBOT_LONG=1 (and a model in refusal_model.json)")
	}
	compareOnEvalSets(t, "answer model", func(on bool) Options { return Options{AnswerModel: on} })
}

// freshCases are the questions of every fresh eval set (testdata/fresh).
func freshCases(t *testing.T) []retrieval.EvalCase {
	var fresh []retrieval.EvalCase
	files, _ := filepath.Glob(filepath.Join("testdata", "fresh", "*.jsonl"))
	for _, f := range files {
		cs, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatal(err)
		}
		fresh = append(fresh, cs...)
	}
	return fresh
}
