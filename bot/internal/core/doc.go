// Package core holds what the extractive answerer's stages share: the retrieved articles as
// candidates split into sentences (Candidate), the answerer's choice (Pick), one question's
// matching state (Extractor: the analysed question, term weights, anchors, subject, runs held by
// each article), a sentence being cut (Cutting), and the mechanisms the question forms and the
// stages read them with: sentence splitting and folding, typed spans (numbers, dates, people,
// places, organisations), clauses and subjects, units and counted nouns, the asked noun and its
// views, anchors and context, paraphrases and references, named dates and bylines.
//
// It also defines the parts a question form is made of (ScoreFactor, ClauseForm, SpanForm, Check
// with its Stage and CheckInput) and the checks and judgments the forms assemble; which form owns
// which part, and in what order they run, is bot/internal/forms'. Imports run one way: core reads
// bot/internal/intent (the question analysed once) and the lexicon, and nothing above it.
package core
