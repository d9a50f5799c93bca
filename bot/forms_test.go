package bot

import "testing"

// TestQuestionFormsClaimEveryEntry: every factor, cutter and check of the answerer's tables is
// claimed by exactly one question form, and every name a form lists is in its table.
func TestQuestionFormsClaimEveryEntry(t *testing.T) {
	tables := map[string][]string{}
	for _, f := range scoreFactors {
		tables["factor"] = append(tables["factor"], f.name)
	}
	for _, f := range clauseForms {
		tables["clause"] = append(tables["clause"], f.name)
	}
	for _, f := range spanForms {
		tables["span"] = append(tables["span"], f.name)
	}
	for _, c := range refusalChecks {
		tables["check"] = append(tables["check"], c.Name)
	}
	claimed := map[string]string{}
	for _, f := range questionForms {
		for kind, names := range map[string][]string{"factor": f.factors, "clause": f.clauses, "span": f.spans, "check": f.checks} {
			for _, n := range names {
				if other, dup := claimed[kind+"/"+n]; dup {
					t.Errorf("%s %q claimed by %q and %q", kind, n, other, f.name)
				}
				claimed[kind+"/"+n] = f.name
			}
		}
	}
	for kind, names := range tables {
		for _, n := range names {
			if _, ok := claimed[kind+"/"+n]; !ok {
				t.Errorf("%s %q belongs to no question form (questionForms)", kind, n)
			}
			delete(claimed, kind+"/"+n)
		}
	}
	for k, form := range claimed {
		t.Errorf("form %q names %s, which no table holds", form, k)
	}
}
