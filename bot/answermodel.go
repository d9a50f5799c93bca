package bot

import (
	_ "embed"
	"fmt"
	"math"

	"newsbot/internal/logreg"
)

// The answer-or-refuse decision by a fitted model. With Options.AnswerModel, an extracted answer
// that passes every check (refusal.go) is given when a logistic model fitted to labelled data
// (refusal_model.json) rates it likely right, instead of the single threshold on the evidence
// (DefaultMinEvidence). It is off by default: it measured better on the public QA sets but no
// better on the project's own eval sets (README, "Quality"). Its features are ones the answerer computes
// anyway. The file is rebuilt by one command that reads ../shared (train_test.go):
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run TestTrainRefusalModel -v -timeout 60m ./bot

//go:embed refusal_model.json
var refusalModelJSON []byte

// refusalModel is the fitted model, nil when the file holds none (then the threshold decides).
var refusalModel = mustParseModel(refusalModelJSON)

func mustParseModel(data []byte) *logreg.Model {
	if len(data) == 0 || string(data) == "null\n" {
		return nil
	}
	m, err := logreg.Parse(data)
	if err != nil {
		panic("bot: refusal_model.json: " + err.Error())
	}
	if len(m.Features) != len(refusalFeatureNames) {
		panic("bot: refusal_model.json: its features are not refusalFeatureNames")
	}
	for i, f := range m.Features {
		if f != refusalFeatureNames[i] {
			panic("bot: refusal_model.json: feature " + f + " where " + refusalFeatureNames[i] + " is computed")
		}
	}
	return m
}

// refusalFeatureNames name refusalFeatures' values, in order.
var refusalFeatureNames = []string{"evidence", "own_coverage", "span", "rank", "typed", "score"}

// refusalFeatures describes an extracted answer for the decision: its evidence (the weighted
// share of the question's words the quote and headline hold), the share of the question's own
// words (a follow-up's inherited ones aside), whether a short answer was isolated, the rank of
// its article among those retrieved, whether the question asks for a typed answer (a number, a
// date, a person…), and its sentence score.
func refusalFeatures(q question, p pick) []float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	rank := 0
	if p.Cand != nil {
		rank = p.Cand.Rank
	}
	return []float64{p.Evidence, p.OwnCov, b(p.Span != ""), 1 / float64(1+rank), b(q.Type != qtOther),
		math.Log1p(math.Max(p.Score, 0))}
}

// answerModel is the model that decides whether an extracted answer that passed the checks is
// given, nil when the evidence threshold decides instead (Options.AnswerModel off, or no model
// built in).
func (e *Engine) answerModel() *logreg.Model {
	if !e.opts.AnswerModel {
		return nil
	}
	return refusalModel
}

// attemptMinEvidence is the evidence threshold of the checks (checkEvidence): none when the model
// decides.
func (e *Engine) attemptMinEvidence() float64 {
	if e.answerModel() != nil {
		return 0
	}
	return e.minEvidence
}

// checkAnswerModel: with Options.AnswerModel, the fitted model must rate the answer likely right.
// It is the last check of the table, so it judges only answers every other check let pass. At
// stageAttempt there is no extractor (in.x is nil): the question is the resolution's.
func checkAnswerModel(in *checkInput) string {
	m := in.model
	if m == nil {
		return ""
	}
	if prob := m.Prob(refusalFeatures(in.res.Q, *in.p)); prob < m.Threshold {
		return fmt.Sprintf("answer model: P(right) %.3f below %.3f", prob, m.Threshold)
	}
	return ""
}
