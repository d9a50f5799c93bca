package forms

import (
	"cmp"
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"slices"
)

// Question forms. A form is a kind of question whose answer has a known shape: a pair, a reason,
// a rate, a place of an event… Each form is one value in a file of its own (form_*.go): its
// detection, its score factors, its clause and span cutters and its refusal checks. questionForms
// is the one list of them.
//
// The answerer reads the forms' parts through ordered tables (scoreFactors, clauseForms,
// spanForms, refusalChecks), assembled from the forms at start, since each table's order is part
// of what the answerer does: factors multiply in order (a float product), spans override one
// another in order, the first clause form that cuts answers, the first check that refuses names
// the refusal. Every part therefore carries an order key, its place in its table; the tables are
// sorted by it (TestFormTablesOrder fails when the assembled order changes).
//
// A form's parts run only for a question the form detects (detect nil: every question; a part
// of such a form judges for itself whether it applies). To add a form: its file (detection,
// parts with their order keys), its row in questionForms, its words in the lexicon, and its tests.

// questionForm is one question form and its parts.
type questionForm struct {
	name    string
	detect  func(q intent.Intent) bool // nil: the parts run for every question
	factors []core.ScoreFactor
	clauses []core.ClauseForm
	spans   []core.SpanForm
	checks  []core.Check
}

// questionForms lists the forms; everyQuestion holds what applies to all of them.
var questionForms = []*questionForm{
	&everyQuestion, &typedForm, &numberForm, &priceForm, &changeForm, &dateForm, &untilForm,
	&whatForm, &titleForm, &agentForm, &winnerForm, &pairForm, &respectivelyForm, &listForm,
	&reasonForm, &sourceForm, &frequencyForm, &speechForm, &authorForm, &placeForm, &yesNoForm,
}

// The answerer's tables, assembled from questionForms by assembleForms.
var (
	ScoreFactors  []core.ScoreFactor
	ClauseForms   []core.ClauseForm
	SpanForms     []core.SpanForm
	RefusalChecks []core.Check
)

func init() { assembleForms() }

// assembleForms builds the tables from the forms' parts, each table in its parts' order keys, a
// form's parts gated by its detection.
func assembleForms() {
	ScoreFactors, ClauseForms, SpanForms, RefusalChecks = nil, nil, nil, nil
	for i, f := range questionForms {
		for _, p := range f.factors {
			if fit := p.Fit; f.detect != nil {
				p.Fit = func(x *core.Extractor, c *core.Candidate, s string) float64 {
					if !formOn(x, i) {
						return 1
					}
					return fit(x, c, s)
				}
			}
			ScoreFactors = append(ScoreFactors, p)
		}
		for _, p := range f.clauses {
			if cut := p.Cut; f.detect != nil {
				p.Cut = func(x *core.Extractor, c *core.Cutting) (string, string, bool) {
					if !formOn(x, i) {
						return "", "", false
					}
					return cut(x, c)
				}
			}
			ClauseForms = append(ClauseForms, p)
		}
		for _, p := range f.spans {
			if find := p.Find; f.detect != nil {
				p.Find = func(x *core.Extractor, c *core.Cutting) {
					if formOn(x, i) {
						find(x, c)
					}
				}
			}
			SpanForms = append(SpanForms, p)
		}
		for _, p := range f.checks {
			if refuse := p.Refuse; f.detect != nil {
				p.Refuse = func(in *core.CheckInput) string {
					if !formOn(in.X, i) {
						return ""
					}
					return refuse(in)
				}
			}
			RefusalChecks = append(RefusalChecks, p)
		}
	}
	slices.SortStableFunc(ScoreFactors, func(a, b core.ScoreFactor) int { return cmp.Compare(a.Order, b.Order) })
	slices.SortStableFunc(ClauseForms, func(a, b core.ClauseForm) int { return cmp.Compare(a.Order, b.Order) })
	slices.SortStableFunc(SpanForms, func(a, b core.SpanForm) int { return cmp.Compare(a.Order, b.Order) })
	slices.SortStableFunc(RefusalChecks, func(a, b core.Check) int {
		return cmp.Or(cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Order, b.Order))
	})
}

// formOn reports whether the question has form i of questionForms, detecting every form once
// per extractor.
func formOn(x *core.Extractor, i int) bool {
	if x.Forms == nil {
		x.Forms = make([]bool, len(questionForms))
		for k, f := range questionForms {
			x.Forms[k] = f.detect == nil || f.detect(x.Q)
		}
	}
	return x.Forms[i]
}
