package bot

import (
	"sort"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/bot/internal/forms"
	"newsbot/internal/logreg"
	"newsbot/retrieval"
)

// The sentence model's groups from the project's own eval sets: the questions as the engine
// answers them (its retrieval, its candidates), each question's choices the chosen article's best
// sentences, those holding every must string wanted. They look like the questions the bot is
// asked (news, question forms with factors of their own) where the public sets are encyclopaedia
// questions with the gold passage given.

// projectGroups makes sentence-model groups from the project's eval sets that are not held out
// (eachTrainingCase). Follow-ups (cases with history) are left out: their question is the
// resolution's.
func projectGroups(t *testing.T) []logreg.Group {
	var out []logreg.Group
	eachTrainingCase(t, Options{}, func(e *Engine, _ string, c retrieval.EvalCase) {
		if len(c.History) > 0 || !c.Answerable() {
			return
		}
		if g, ok := engineGroup(t, e, c); ok {
			out = append(out, g)
		}
	})
	return out
}

// engineGroup is the sentence-model group of case c as engine e retrieves for it: the chosen
// article's best sentences, those holding every must string wanted; ok is false when the
// question is answered without sentence scoring or none of its choices holds the answer.
func engineGroup(t *testing.T, e *Engine, c retrieval.EvalCase) (logreg.Group, bool) {
	o := caseOutcome(t, e, c)
	res := o.Attempt.Res
	cands := core.PrepareCandidates(o.Attempt.Results, core.CandidateArticles)
	x := &core.Extractor{Q: res.Q, PrevArt: res.PrevArticle}
	x.Terms = forms.WithoutChangeJunction(res.Q, core.MergeTerms(res.Q.Terms, res.Topic))
	if len(cands) == 0 || len(x.Terms) == 0 || core.IsBylineQuestion(res.Q) {
		return logreg.Group{}, false
	}
	if _, ok := forms.RolePick(x, cands); ok {
		return logreg.Group{}, false
	}
	extract.Prepare(x, res, cands)
	var all []core.Pick
	for _, cand := range cands {
		for i := range cand.Sents {
			all = append(all, extract.Score(x, cand, i))
		}
	}
	if len(all) == 0 {
		return logreg.Group{}, false
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	best := extract.Rerank(x, all)
	picks, feats := extract.SentenceChoicesOf(x, best, all)
	g := logreg.Group{X: feats}
	wanted := false
	for _, p := range picks {
		holds := missingMust(p.Cand.Shown[p.Sent], c.Must) == ""
		g.Target = append(g.Target, forms.B2f(holds))
		wanted = wanted || holds
	}
	return g, wanted
}
