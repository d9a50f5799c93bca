package forms

import (
	_ "embed"
	"fmt"

	"newsbot/bot/internal/core"
	"newsbot/internal/logreg"
)

// The answer-or-refuse decision by a fitted model. With Options.AnswerModel, an extracted answer
// that passes every check (refusal.go) is given when a logistic model fitted to labelled data
// (refusal_model.json) rates it likely right, instead of the single threshold on the evidence
// (DefaultMinEvidence). It is off by default: it makes many more right decisions on the public QA
// sets (CMRC 2018 dev held out: 0.40 → 0.61) but none more on the project's own eval sets, where
// the threshold and it refuse the same answers but a few (README, "Quality"). Its features
// (answerfeatures.go) are ones the answerer computes anyway. The file is rebuilt by one command
// that reads ../shared (bot/train_test.go), the one that rebuilds every fitted file
// (its examples are answered with the sentence model built in, so after the sentence model
// changed the command is run twice):
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run '^TestTrain' -v -timeout 120m ./bot

//go:embed refusal_model.json
var refusalModelJSON []byte

// RefusalModel is the fitted model, nil when the file holds none (then the threshold decides).
var RefusalModel = mustParseModel(refusalModelJSON)

func mustParseModel(data []byte) *logreg.Model {
	if len(data) == 0 || string(data) == "null\n" {
		return nil
	}
	m, err := logreg.Parse(data)
	if err != nil {
		panic("bot: refusal_model.json: " + err.Error())
	}
	if len(m.Features) != len(AnswerFeatureNames) {
		panic("bot: refusal_model.json: its features are not answerFeatureNames")
	}
	for i, f := range m.Features {
		if f != AnswerFeatureNames[i] {
			panic("bot: refusal_model.json: feature " + f + " where " + AnswerFeatureNames[i] + " is computed")
		}
	}
	return m
}

// checkAnswerModel: with Options.AnswerModel, the fitted model must rate the answer likely right.
// It is the last check of the table, so it judges only answers every other check let pass. At
// stageAttempt there is no extractor (in.x is nil): the question is the resolution's.
func checkAnswerModel(in *core.CheckInput) string {
	m := in.Model
	if m == nil {
		return ""
	}
	if prob := m.Prob(AnswerFeatures(in.Res, *in.P)); prob < m.Threshold {
		return fmt.Sprintf("answer model: P(right) %.3f below %.3f", prob, m.Threshold)
	}
	return ""
}
