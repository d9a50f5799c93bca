// Package intent is the answerer's first stage: a question is read once into an Intent, and the
// later stages (scoring, span cutting, refusal checks in package bot) read its fields instead of
// re-deriving them from the text.
//
// Analyze folds and normalises the question (width, traditional characters, colloquial question
// words such as 啥时候, A-not-A forms such as 要不要), finds its question word and type (多少 a
// number, 谁 a person, 哪个镇 a place…), and fills:
//
//   - Before and After, the question's words either side of its question word;
//   - Asked, the noun the question asks for, read under one boundary (a run of Han characters up to
//     a stop character, nounRun) and offered in the views the stages need: the phrase, the counted
//     noun past a measure word, its first two characters, its head, the head noun a 什么X answer
//     must end in, a one-character noun of 哪个X, the act after a place question's noun and the
//     event a date question asks the time of;
//   - Terms, the content terms (character bigrams of the question's runs) weighted for scoring,
//     with their paraphrases.
//   - Dates, the date expressions it names (package qdate), unresolved: the answerer resolves them
//     against its reference date.
//
// A follow-up that takes the previous turn's type is Retyped, which reads Asked again.
//
// Word lists are data in the lexicon package; this package holds the tables the analysis reads
// (question words, noun hints, units, paraphrases) and the small text helpers (IsHan, RuneLen,
// Fold) the answerer shares.
package intent
