package bot

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/corpus"
	"newsbot/retrieval"
	"os"
	"testing"

	"newsbot/bot/internal/extract"
	"newsbot/internal/logreg"
)

// sentenceHits measures the choice of the answering sentence on the questions of set that keep
// says to use, gold passage given: the share whose choices (the chosen article's best sentences)
// hold a gold answer, whose rules' choice does, and whose answer (model m choosing, as the engine
// does) comes from a sentence that does.
func sentenceHits(set qaSet, m *logreg.Model, keep func(i int) bool) (inChoices, rules, chosen float64, n int) {
	for i, q := range set.questions {
		if !keep(i) {
			continue
		}
		n++
		x, all, ok := passageExtractor(q.Question, set.passages[q.GoldPID])
		if !ok {
			continue
		}
		best := extract.Rerank(x, all)
		picks, _ := extract.SentenceChoicesOf(x, best, all)
		for _, p := range picks {
			if holdsGold(p.Cand.Shown[p.Sent], q.Answers) {
				inChoices++
				break
			}
		}
		if holdsGold(best.Cand.Shown[best.Sent], q.Answers) {
			rules++
		}
		if p, ok := passagePick(q.Question, set.passages[q.GoldPID], m); ok && holdsGold(p.Cand.Shown[p.Sent], q.Answers) {
			chosen++
		}
	}
	f := float64(max(n, 1))
	return inChoices / f, rules / f, chosen / f, n
}

// TestSentenceChoice reports the choice of the answering sentence with the gold passage given, by
// the built-in sentence model: on CMRC 2018 dev's 70% that the models train on and its 30% held
// out (cmrcTrain), and on DRCD dev (held out): figures only. Long: NEWSBOT_LONG=1.
//
//	NEWSBOT_LONG=1 go test -run TestSentenceChoice -v ./bot
func TestSentenceChoice(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("set NEWSBOT_LONG=1 (and no -short)")
	}
	dev, drcd := loadQASet(t, "cmrc2018_dev"), loadQASet(t, "drcd_dev")
	train := cmrcTrain(cmrcSplitSeed)
	for _, part := range []struct {
		name string
		set  qaSet
		keep func(int) bool
	}{{"cmrc2018_dev 70% (trained on)", dev, train}, {"cmrc2018_dev 30% (held out)", dev, func(i int) bool { return !train(i) }},
		{"drcd_dev (held out)", drcd, func(int) bool { return true }}} {
		in, rules, chosen, n := sentenceHits(part.set, extract.SentenceModel, part.keep)
		em, f1, _ := spanF1(part.set, extract.SentenceModel, part.keep)
		t.Logf("%s, %d questions: a choice holds a gold answer %.3f, the rules' sentence %.3f, the chosen sentence %.3f; EM %.1f F1 %.1f",
			part.name, n, in, rules, chosen, em, f1)
	}
}

// passagePick is the answerer's pick for question over one passage with the sentence model m.
func passagePick(question, passage string, m *logreg.Model) (core.Pick, bool) {
	cands := core.PrepareCandidates([]retrieval.Result{{Article: corpus.Article{ID: "p", Text: passage}}}, 1)
	return extract.ExtractWith(resolve(intent.Analyze(question), nil), cands, m)
}
