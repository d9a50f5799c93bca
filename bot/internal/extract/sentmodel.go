package extract

import (
	_ "embed"
	"math"
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/forms"
	"newsbot/internal/logreg"
)

// The answering sentence by a fitted model, on by default (bot's Options.NoSentenceModel turns it
// off).
// The scorer (score.go) ranks sentences by the question's terms times hand-set factors; the
// sentence model re-rates the best few sentences of the chosen article by a conditional logit
// (sentence_model.json) over what the scorer and the cutter compute: the score and rank, the
// share of the question's weight held, the words beside the question word, the question's
// context aligned around a span, the asked type, length and position. It is fitted to public QA
// sets with answer spans (CMRC 2018 trial, XQuAD-zh) and to the project's eval sets as the engine
// retrieves for them (bot/sentgroups_test.go), weighing as much. The rule cutter then cuts the
// answer from the sentence chosen. Every fitted file is rebuilt by one command (bot's
// train_test.go and sentmodel_test.go):
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run '^TestTrain' -v -timeout 120m ./bot

//go:embed sentence_model.json
var sentenceModelJSON []byte

// SentenceModel is the fitted model, nil when the file holds none (the scorer alone chooses).
var SentenceModel = mustParseNamedModel("sentence_model.json", sentenceModelJSON, SentenceFeatureNames)

// SentenceFeatureNames name sentenceFeatures' values, in order.
var SentenceFeatureNames = []string{
	"rule_choice", "score_ratio", "rank", "own_share", "context_share",
	"anchor", "anchor_share", "aligned", "aligned_share", "typed", "coverage",
	"log_len", "position", "first", "passes_checks", "span_isolated", "span_aligned",
	"rest_share", "rest_held", "rest_chars", "rest_chars_long_form", "after_rule_choice",
}

// sentenceChoices is how many of the chosen article's best-scored sentences the model re-rates.
const sentenceChoices = 6

// sentenceFeatures describes sentence p (one of the scored picks) for the model; top is the best
// score, rank p's place and ruleSent the sentence the rules chose.
func sentenceFeatures(x *core.Extractor, p core.Pick, top float64, rank, ruleSent int) []float64 {
	chosen := p.Sent == ruleSent
	c, i := p.Cand, p.Sent
	s := c.Folded[i]
	own, ctx := x.TermScores(c, i)
	anchored, hasAnchor := x.AnchorScore(s)
	total := math.Max(x.Total, 1e-9)
	_, _, aligned, matched := core.AlignSpanContext(x.Q, s)
	var ctxLen int
	if x.Q.QPos >= 0 {
		left, right := core.QuestionContext(x.Q)
		ctxLen = len(left) + len(right)
	}
	f := p
	f.From = f.Sent
	finishByRules(x, &f) // fitted on the rules' spans, it reads them
	spanAligned := f.Span != "" && matched > 0
	rest, restChars := restShare(x, s), restChars(x, s)
	ratio := 0.0
	if top > 0 {
		ratio = p.Score / top
	}
	return []float64{
		forms.B2f(chosen), ratio, 1 / float64(1+rank), own / total, ctx / total,
		forms.B2f(hasAnchor), anchored / total, forms.B2f(aligned), float64(matched) / float64(max(ctxLen, 1)),
		forms.B2f(x.Q.Type != intent.Other && core.HasAnswerFor(x.Q, s)), core.CharCoverage(x.Runs, s),
		math.Log1p(float64(intent.RuneLen(s))), float64(i) / float64(len(c.Sents)), forms.B2f(i == 0),
		forms.B2f(f.Mismatch == ""), forms.B2f(f.Span != ""), forms.B2f(spanAligned),
		rest, forms.B2f(rest > 0), restChars, restChars * forms.B2f(longForm(x.Q.Type)), forms.B2f(i == ruleSent+1),
	}
}

// SentenceChoicesOf are the chosen pick's sentence and the best-scored others of its article
// (at most sentenceChoices), with their features.
func SentenceChoicesOf(x *core.Extractor, best core.Pick, all []core.Pick) ([]core.Pick, [][]float64) {
	var picks []core.Pick
	var feats [][]float64
	seen := map[int]bool{}
	for r, p := range all {
		if p.Cand != best.Cand || seen[p.Sent] {
			continue
		}
		if len(picks) >= sentenceChoices && p.Sent != best.Sent {
			continue
		}
		seen[p.Sent] = true
		picks = append(picks, p)
		feats = append(feats, sentenceFeatures(x, p, all[0].Score, r, best.Sent))
	}
	return picks, feats
}

// withModelSentence is best answered from the sentence the model rates highest among the chosen
// article's best, when that one, finished, passes the checks as the chosen one does (a refused
// choice stays refused, an answer stays an answer), and no question form of its own
// (formFit) judges it worse than the rules' choice.
func withModelSentence(x *core.Extractor, m *logreg.Model, best core.Pick, all []core.Pick) core.Pick {
	if best.Cand == nil || best.Byline || len(all) == 0 {
		return best
	}
	picks, feats := SentenceChoicesOf(x, best, all)
	top, topProb := -1, -1.0
	for k := range picks {
		if p := m.Prob(feats[k]); p > topProb {
			top, topProb = k, p
		}
	}
	if top < 0 || picks[top].Sent == best.Sent {
		return best
	}
	alt := picks[top]
	if formFit(x, alt.Cand, alt.Cand.Folded[alt.Sent]) < formFit(x, best.Cand, best.Cand.Folded[best.Sent]) {
		return best // a question form of its own judges the rules' choice better: the rules choose
	}
	alt.From = alt.Sent
	Finish(x, &alt)
	if (alt.Mismatch == "") != (best.Mismatch == "") {
		return best // the model chooses where to answer from, not whether to answer
	}
	return alt
}

// mustParseNamedModel parses a fitted model embedded as file, checking that its features are
// names, in order; an empty file or JSON null is no model.
func mustParseNamedModel(file string, data []byte, names []string) *logreg.Model {
	if len(data) == 0 || strings.TrimSpace(string(data)) == "null" {
		return nil
	}
	m, err := logreg.Parse(data)
	if err != nil {
		panic("bot: " + file + ": " + err.Error())
	}
	if strings.Join(m.Features, ",") != strings.Join(names, ",") {
		panic("bot: " + file + ": its features are not those the code computes; refit it")
	}
	return m
}

// restShare is the share of the weight of the question's terms outside its subject (the first
// content run: the thing the passage is about, named in many of its sentences) that s holds:
// "黄鳍紫鱼的身体是什么颜色" is answered where 身体 and 颜色 are, not where the fish is named.
func restShare(x *core.Extractor, s string) float64 {
	var held, total float64
	for _, t := range x.Terms {
		if x.Subject != "" && strings.Contains(x.Subject, t.Text) {
			continue
		}
		w := x.Weight(t)
		total += w
		if t.In(s) {
			held += w
		}
	}
	if total == 0 {
		return 0
	}
	return held / total
}

// restChars is the share of the content characters of the question outside its subject that s
// holds, one by one: a reader's 颜色 against the text's 淡蓝红色, 别名 against 又名.
func restChars(x *core.Extractor, s string) float64 {
	var held, total int
	for _, r := range x.OwnRuns {
		if r == x.Subject {
			continue
		}
		for _, c := range r {
			total++
			if strings.ContainsRune(s, c) {
				held++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(held) / float64(total)
}

// longForm: question forms answered by a phrase or a clause rather than a name or a number.
func longForm(t intent.Type) bool {
	return t == intent.How || t == intent.List || t == intent.What || t == intent.Other || t == intent.YesNo
}

// genericFactors are the score factors every question has (scoreFactors' names); the others
// judge a sentence by a question form of its own.
var genericFactors = map[string]bool{"typed": true, "rank": true, "placement": true, "length": true, "previous article": true}

// formFit is the product of the question forms' own factors for sentence s of c: 1 when no form
// of its own judges it.
func formFit(x *core.Extractor, c *core.Candidate, s string) float64 {
	f := 1.0
	for _, sf := range forms.ScoreFactors {
		if !genericFactors[sf.Name] {
			f *= sf.Fit(x, c, s)
		}
	}
	return f
}
