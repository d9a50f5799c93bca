// Package extract is the extractive answerer: among the sentences of the retrieved articles it
// picks the one that best answers a question already analysed (bot/internal/intent), cuts the
// answer from it and decides whether it may answer at all. Everything it quotes is the article's
// own text. Package bot calls it once per attempt (ExtractWith) and composes the reply.
//
// The stages, in the order a question meets them:
//
//  1. Candidates (extract.go, text.go): each retrieved article is split into sentences, folded for
//     matching and kept as written for quoting (Candidate).
//  2. Preparation (extract.go, anchors.go, context.go): the question's terms are weighted by rarity
//     among the candidates' sentences; the words beside the question word, the subject and the
//     runs evidence is measured by are read once into the Extractor, the one question's matching
//     state.
//  3. Scoring (score.go): each sentence gets the weight of the question's terms it and its context
//     hold, times the score factors of the question forms in order.
//  4. Finishing (evidence.go, cut.go, clauses.go, span.go): the best sentence is joined to the one
//     before when that supplies the subject, its evidence measured, and the answer cut: the
//     forms' clause cutters answer with a whole clause, else their span cutters isolate the span
//     in order, widened to its clause.
//  5. Refusal (refusal.go): RefusalChecks is the one table of reasons to refuse, run stage by stage
//     (window, article, context, answer, attempt); a close runner-up that passes answers instead
//     of a refused best sentence (Extractor.Rerank). The fitted answer model (answermodel.go) is
//     the table's last check; the fitted sentence model (sentmodel.go) may choose the answering
//     sentence among the best.
//
// Question forms (forms.go, form_*.go): a form is a kind of question whose answer has a known
// shape (a pair, a reason, a rate, a place of an event…). Each is one value in a file of its own
// holding its detection, its score factors, its clause and span cutters and its refusal checks,
// each with an order key; questionForms lists them and the four tables are assembled from them
// sorted by the keys, since the order is behaviour (TestFormTablesOrder pins it). To add a form:
// its file, its row in questionForms, its words in the lexicon, and its tests.
//
// Word lists are data (the lexicon package); this package imports intent, lexicon, retrieval and
// corpus, and nothing of package bot.
package extract
