package bot

import (
	"newsbot/bot/internal/intent"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/bot/internal/forms"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// qaSet is a public QA set read from ../shared/qa: passages by id and questions.
type qaSet struct {
	name      string
	passages  map[string]string
	questions []qaQuestion
}

// loadQASet reads ../shared/qa/NAME.{passages,questions}.jsonl, skipping the test when absent.
func loadQASet(t *testing.T, name string) qaSet {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "qa")
	pPath, qPath := filepath.Join(dir, name+".passages.jsonl"), filepath.Join(dir, name+".questions.jsonl")
	if _, err := os.Stat(qPath); err != nil {
		t.Skipf("%s not available: %v", name, err)
	}
	set := qaSet{name: name, passages: map[string]string{}}
	for _, p := range readJSONL[qaPassage](t, pPath) {
		set.passages[p.PID] = p.Text
	}
	for _, q := range readJSONL[qaQuestion](t, qPath) {
		if _, ok := set.passages[q.GoldPID]; ok {
			set.questions = append(set.questions, q)
		}
	}
	return set
}

// passageExtractor prepares the extractor for question over one passage, as extract does, and
// returns every sentence scored, best first, or ok false when extract would not score sentences.
func passageExtractor(question, passage string) (*core.Extractor, []core.Pick, bool) {
	cands := core.PrepareCandidates([]retrieval.Result{{Article: corpus.Article{ID: "p", Text: passage}}}, 1)
	res := resolve(intent.Analyze(question), nil)
	x := &core.Extractor{Q: res.Q, PrevArt: res.PrevArticle}
	x.Terms = forms.WithoutChangeJunction(res.Q, core.MergeTerms(res.Q.Terms, res.Topic))
	if len(x.Terms) == 0 || core.IsBylineQuestion(res.Q) {
		return nil, nil, false
	}
	if _, ok := forms.RolePick(x, cands); ok {
		return nil, nil, false
	}
	extract.Prepare(x, res, cands)
	var all []core.Pick
	for i := range cands[0].Sents {
		all = append(all, extract.Score(x, cands[0], i))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	return x, all, len(all) > 0
}

// pickAnswer is the short answer of a finished pick, as answerSpan gives it.
func pickAnswer(p core.Pick) string {
	if p.Span != "" {
		return p.Span
	}
	return p.Unit
}

// holdsGold reports whether sentence text holds one of the gold answers (CMRC-normalised).
func holdsGold(sentence string, golds []string) bool {
	s := strings.Join(cmrcTokens(sentence), "")
	for _, g := range golds {
		if g := strings.Join(cmrcTokens(g), ""); g != "" && strings.Contains(s, g) {
			return true
		}
	}
	return false
}

// TestSpanErrors splits the span F1 lost on a public QA set between choosing the sentence and
// cutting the span: the share of questions whose chosen sentence holds a gold answer, the F1 on
// each part, and oracle figures (the best sentence cut by today's cutter, the whole best
// sentence). Long: NEWSBOT_LONG=1; NEWSBOT_QASET names the set (default cmrc2018_trial).
func TestSpanErrors(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("span error analysis: set NEWSBOT_LONG=1 (and no -short)")
	}
	name := os.Getenv("NEWSBOT_QASET")
	if name == "" {
		name = "cmrc2018_trial"
	}
	set := loadQASet(t, name)
	var n, hit, anyGold, em float64
	var f1, f1Hit, f1Miss, oracleCut, oracleSent, pickedSent, goldFirst float64
	for _, q := range set.questions {
		n++
		e, f := cmrcScores(answerSpan(q.Question, set.passages[q.GoldPID]), q.Answers)
		em, f1 = em+e, f1+f
		x, all, ok := passageExtractor(q.Question, set.passages[q.GoldPID])
		if !ok {
			f1Miss += f
			continue
		}
		best := extract.Rerank(x, all)
		c := best.Cand
		if holdsGold(c.Shown[best.Sent], q.Answers) {
			hit++
			f1Hit += f
		} else {
			f1Miss += f
		}
		_, ps := cmrcScores(c.Shown[best.Sent], q.Answers)
		pickedSent += ps
		var bestCut, bestSent float64
		gold := false
		for i := range c.Sents {
			if !holdsGold(c.Shown[i], q.Answers) {
				continue
			}
			if !gold && all[0].Sent == i {
				goldFirst++
			}
			gold = true
			p := core.Pick{Cand: c, Sent: i, From: i}
			extract.Finish(x, &p)
			_, fc := cmrcScores(pickAnswer(p), q.Answers)
			_, fs := cmrcScores(c.Shown[i], q.Answers)
			bestCut, bestSent = max(bestCut, fc), max(bestSent, fs)
		}
		if gold {
			anyGold++
		}
		oracleCut += max(bestCut, f)
		oracleSent += bestSent
	}
	t.Logf("%s: %.0f questions, EM %.1f, F1 %.1f", name, n, 100*em/n, 100*f1/n)
	t.Logf("  a sentence holds a gold answer: %.3f of questions; the chosen sentence does: %.3f", anyGold/n, hit/n)
	t.Logf("  F1 where the chosen sentence holds it %.1f (%.0f q), elsewhere %.1f (%.0f q)", 100*f1Hit/hit, hit, 100*f1Miss/(n-hit), n-hit)
	t.Logf("  F1 lost to the sentence choice: %.1f points; to the cut: %.1f points", 100*((n-hit)-f1Miss)/n, 100*(hit-f1Hit)/n)
	t.Logf("  oracle sentence, today's cutter: F1 %.1f; whole chosen sentence F1 %.1f; whole oracle sentence F1 %.1f",
		100*oracleCut/n, 100*pickedSent/n, 100*oracleSent/n)
}
