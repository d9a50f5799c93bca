// Package forms holds the question forms of the extractive answerer and assembles its tables.
// A form is a kind of question whose answer has a known shape (a pair, a reason, a rate, a
// number in its unit, the place of an event, a yes/no fact…). Each form is one value in a file of
// its own (form_*.go) holding its detection, its score factors, its clause and span cutters and
// its refusal checks, each part with an order key; questionForms (forms.go) is the one list of
// them. The mechanisms a part reads the sentence with (clauses, typed spans, units, the asked
// noun) are bot/internal/core's.
//
// The answerer reads the parts through four ordered tables assembled here: ScoreFactors (they
// multiply a sentence's score in order), ClauseForms (the first that cuts answers with a whole
// clause), SpanForms (each may isolate the answer span, a later one overriding an earlier one)
// and RefusalChecks (run stage by stage, the first that refuses names the refusal). The order is
// behaviour, so each table is sorted by its parts' order keys and TestFormTablesOrder pins it. A
// form's parts run only for a question the form detects. The checks of every question end with
// the fitted answer-or-refuse model (answermodel.go, answerfeatures.go, refusal_model.json).
//
// To add a form: its file (detection and parts with their order keys), its row in
// questionForms, its words in the lexicon, and its tests. Imports run one way: forms reads
// bot/internal/core and bot/internal/intent; bot/internal/extract runs the tables.
package forms
