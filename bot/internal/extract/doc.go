// Package extract runs the extractive answerer: among the sentences of the retrieved articles it
// picks the one that best answers a question already analysed (bot/internal/intent), cuts the
// answer from it and decides whether it may answer at all. Everything it quotes is the article's
// own text. Package bot calls it once per attempt (ExtractWith) and composes the reply.
//
// The stages, in the order a question meets them (run.go):
//
//  1. Preparation (Prepare): the question's terms are weighted by rarity among the candidates'
//     sentences (core.Candidate); the words beside the question word, the subject and the runs
//     evidence is measured by are read once into the core.Extractor.
//  2. Scoring (Score): each sentence gets the weight of the question's terms it and its context
//     hold, times forms.ScoreFactors in order.
//  3. Finishing (Finish): the best sentence is joined to the one before when that supplies the
//     subject, its evidence measured, and the answer cut: forms.ClauseForms answer with a whole
//     clause, else forms.SpanForms isolate the span in order, widened to its clause.
//  4. Refusal (Refuse): forms.RefusalChecks, the one table of reasons to refuse, run stage by
//     stage (window, article, context, answer, attempt), the first that refuses recorded in the
//     pick; a close runner-up that passes answers instead of a refused best sentence (Rerank).
//  5. The fitted sentence model (sentmodel.go, sentence_model.json) may choose the answering
//     sentence among the chosen article's best.
//
// Imports run one way: bot → extract → forms → core → intent.
package extract
