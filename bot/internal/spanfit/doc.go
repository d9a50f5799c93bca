// Package spanfit isolates the answer span in the answering sentence by a model fitted to data:
// a conditional logit (internal/logreg) over the candidate spans of the sentence, each described
// by what a reader goes by: how the question's words left and right of its question word are
// found around it, how far the nearest of them is, whether the span repeats the question (answers
// rarely do), its length for the asked type, whether its edges fall on word boundaries (the gse
// segmenter, through retrieval.Words) and punctuation, how likely answers of the asked type are to
// start and end with its edge characters (tables counted from the training data, weighed per
// answer type), whether its edges repeat the question's characters or fill or cut a bracket
// (edges.go), and how it stands to the span the rule cutter isolated.
//
// It reads only the question's intent and the sentence's text: package bot calls Best where its
// cutter isolates the span, and fits the model (Fit) in its training test over CMRC 2018 trial,
// XQuAD-zh and 70% of CMRC 2018 dev (the other 30% measures it), writing span_model.json here:
//
//	NEWSBOT_LONG=1 NEWSBOT_TRAIN=1 go test -run TestTrainSpanModel -v -timeout 60m ./bot
package spanfit
