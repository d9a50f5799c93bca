// Package logreg fits and applies a small L2-regularised logistic regression, in pure Go and
// deterministically (Newton's method from zero weights over standardised features), and stores a
// fitted model as a short JSON document so that weights live in data files rather than in code.
//
// bot uses it for the answer-or-refuse decision: the probability that an extracted answer is
// right, from features the answerer computes anyway (bot/refusal.go); and FitRanking's
// conditional logit (a softmax over each group's candidates) for the choice of the answering
// sentence (bot/sentmodel.go).
package logreg
