package extract

import (
	_ "embed"
	"math"
	"strings"

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

// sentenceModel is the fitted model, nil when the file holds none (the scorer alone chooses).
var SentenceModel = mustParseNamedModel("sentence_model.json", sentenceModelJSON, SentenceFeatureNames)

// sentenceFeatureNames name sentenceFeatures' values, in order.
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
func (x *Extractor) sentenceFeatures(p Pick, top float64, rank, ruleSent int) []float64 {
	chosen := p.Sent == ruleSent
	c, i := p.Cand, p.Sent
	s := c.Folded[i]
	own, ctx := x.termScores(c, i)
	anchored, hasAnchor := x.anchorScore(s)
	total := math.Max(x.total, 1e-9)
	_, _, aligned, matched := alignSpanContext(x.Q, s)
	var ctxLen int
	if x.Q.QPos >= 0 {
		left, right := questionContext(x.Q)
		ctxLen = len(left) + len(right)
	}
	f := p
	f.From = f.Sent
	x.Finish(&f)
	spanAligned := f.Span != "" && matched > 0
	rest, restChars := x.restShare(s), x.restChars(s)
	ratio := 0.0
	if top > 0 {
		ratio = p.Score / top
	}
	return []float64{
		B2f(chosen), ratio, 1 / float64(1+rank), own / total, ctx / total,
		B2f(hasAnchor), anchored / total, B2f(aligned), float64(matched) / float64(max(ctxLen, 1)),
		B2f(x.Q.Type != qtOther && hasAnswerFor(x.Q, s)), charCoverage(x.runs, s),
		math.Log1p(float64(runeLen(s))), float64(i) / float64(len(c.Sents)), B2f(i == 0),
		B2f(f.Mismatch == ""), B2f(f.Span != ""), B2f(spanAligned),
		rest, B2f(rest > 0), restChars, restChars * B2f(longForm(x.Q.Type)), B2f(i == ruleSent+1),
	}
}

// sentenceChoicesOf are the chosen pick's sentence and the best-scored others of its article
// (at most sentenceChoices), with their features.
func (x *Extractor) SentenceChoicesOf(best Pick, all []Pick) ([]Pick, [][]float64) {
	var picks []Pick
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
		feats = append(feats, x.sentenceFeatures(p, all[0].Score, r, best.Sent))
	}
	return picks, feats
}

// withModelSentence is best answered from the sentence the model rates highest among the chosen
// article's best, when that one, finished, passes the checks as the chosen one does (a refused
// choice stays refused, an answer stays an answer), and no question form of its own
// (formFit) judges it worse than the rules' choice.
func (x *Extractor) withModelSentence(m *logreg.Model, best Pick, all []Pick) Pick {
	if best.Cand == nil || best.Byline || len(all) == 0 {
		return best
	}
	picks, feats := x.SentenceChoicesOf(best, all)
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
	if x.formFit(alt.Cand, alt.Cand.Folded[alt.Sent]) < x.formFit(best.Cand, best.Cand.Folded[best.Sent]) {
		return best // a question form of its own judges the rules' choice better: the rules choose
	}
	alt.From = alt.Sent
	x.Finish(&alt)
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

// b2f is 1 for true, 0 for false.
func B2f(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// restShare is the share of the weight of the question's terms outside its subject (the first
// content run: the thing the passage is about, named in many of its sentences) that s holds:
// "黄鳍紫鱼的身体是什么颜色" is answered where 身体 and 颜色 are, not where the fish is named.
func (x *Extractor) restShare(s string) float64 {
	var held, total float64
	for _, t := range x.Terms {
		if x.subject != "" && strings.Contains(x.subject, t.Text) {
			continue
		}
		w := x.weight(t)
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
func (x *Extractor) restChars(s string) float64 {
	var held, total int
	for _, r := range x.ownRuns {
		if r == x.subject {
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
func longForm(t qType) bool {
	return t == qtHow || t == qtList || t == qtWhat || t == qtOther || t == qtYesNo
}

// genericFactors are the score factors every question has (scoreFactors' names); the others
// judge a sentence by a question form of its own.
var genericFactors = map[string]bool{"typed": true, "rank": true, "placement": true, "length": true, "previous article": true}

// formFit is the product of the question forms' own factors for sentence s of c: 1 when no form
// of its own judges it.
func (x *Extractor) formFit(c *Candidate, s string) float64 {
	f := 1.0
	for _, sf := range scoreFactors {
		if !genericFactors[sf.name] {
			f *= sf.fit(x, c, s)
		}
	}
	return f
}
