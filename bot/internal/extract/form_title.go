package extract

// titleForm: "担任什么职务" is answered by the title before a name (roles.go); the office asked
// and not its deputy or another committee's.
var titleForm = questionForm{
	name:    "title",
	factors: []scoreFactor{{name: "title", order: 50, fit: fitTitle}},
	checks: []Check{
		{Name: "title", Stage: StageWindow, order: 40, Refuse: onWindow(checkTitle)},
		{Name: "role qualifier", Stage: StageWindow, order: 130, Refuse: onWindow(checkRoleQualifier)},
	},
}

// fitTitle: 什么职务 is answered by a title before a name.
func fitTitle(x *Extractor, _ *Candidate, s string) float64 {
	if x.Q.Type != qtTitle {
		return 1
	}
	if x.titleBefore(s) {
		return titleFit
	}
	return untypedFit
}
