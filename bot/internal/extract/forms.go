package extract

import (
	"cmp"
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
	detect  func(q question) bool // nil: the parts run for every question
	factors []scoreFactor
	clauses []clauseForm
	spans   []spanForm
	checks  []Check
}

// questionForms lists the forms; everyQuestion holds what applies to all of them.
var questionForms = []*questionForm{
	&everyQuestion, &typedForm, &numberForm, &priceForm, &changeForm, &dateForm, &untilForm,
	&whatForm, &titleForm, &agentForm, &winnerForm, &pairForm, &respectivelyForm, &listForm,
	&reasonForm, &sourceForm, &frequencyForm, &speechForm, &authorForm, &placeForm, &yesNoForm,
}

// The answerer's tables, assembled from questionForms by assembleForms.
var (
	scoreFactors  []scoreFactor
	clauseForms   []clauseForm
	spanForms     []spanForm
	RefusalChecks []Check
)

func init() { assembleForms() }

// assembleForms builds the tables from the forms' parts, each table in its parts' order keys, a
// form's parts gated by its detection.
func assembleForms() {
	scoreFactors, clauseForms, spanForms, RefusalChecks = nil, nil, nil, nil
	for i, f := range questionForms {
		for _, p := range f.factors {
			if fit := p.fit; f.detect != nil {
				p.fit = func(x *Extractor, c *Candidate, s string) float64 {
					if !x.formOn(i) {
						return 1
					}
					return fit(x, c, s)
				}
			}
			scoreFactors = append(scoreFactors, p)
		}
		for _, p := range f.clauses {
			if cut := p.cut; f.detect != nil {
				p.cut = func(x *Extractor, c *cutting) (string, string, bool) {
					if !x.formOn(i) {
						return "", "", false
					}
					return cut(x, c)
				}
			}
			clauseForms = append(clauseForms, p)
		}
		for _, p := range f.spans {
			if find := p.find; f.detect != nil {
				p.find = func(x *Extractor, c *cutting) {
					if x.formOn(i) {
						find(x, c)
					}
				}
			}
			spanForms = append(spanForms, p)
		}
		for _, p := range f.checks {
			if refuse := p.Refuse; f.detect != nil {
				p.Refuse = func(in *CheckInput) string {
					if !in.x.formOn(i) {
						return ""
					}
					return refuse(in)
				}
			}
			RefusalChecks = append(RefusalChecks, p)
		}
	}
	slices.SortStableFunc(scoreFactors, func(a, b scoreFactor) int { return cmp.Compare(a.order, b.order) })
	slices.SortStableFunc(clauseForms, func(a, b clauseForm) int { return cmp.Compare(a.order, b.order) })
	slices.SortStableFunc(spanForms, func(a, b spanForm) int { return cmp.Compare(a.order, b.order) })
	slices.SortStableFunc(RefusalChecks, func(a, b Check) int {
		return cmp.Or(cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.order, b.order))
	})
}

// formOn reports whether the question has form i of questionForms, detecting every form once
// per extractor.
func (x *Extractor) formOn(i int) bool {
	if x.forms == nil {
		x.forms = make([]bool, len(questionForms))
		for k, f := range questionForms {
			x.forms[k] = f.detect == nil || f.detect(x.Q)
		}
	}
	return x.forms[i]
}
