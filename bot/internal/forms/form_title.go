package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// titleForm: "担任什么职务" is answered by the title before a name (roles.go); the office asked
// and not its deputy or another committee's.
var titleForm = questionForm{
	name:    "title",
	factors: []core.ScoreFactor{{Name: "title", Order: 50, Fit: fitTitle}},
	checks: []core.Check{
		{Name: "title", Stage: core.StageWindow, Order: 40, Refuse: core.OnWindow(core.CheckTitle)},
		{Name: "role qualifier", Stage: core.StageWindow, Order: 130, Refuse: core.OnWindow(core.CheckRoleQualifier)},
	},
}

// fitTitle: 什么职务 is answered by a title before a name.
func fitTitle(x *core.Extractor, _ *core.Candidate, s string) float64 {
	if x.Q.Type != intent.Title {
		return 1
	}
	if x.TitleBefore(s) {
		return core.TitleFit
	}
	return core.UntypedFit
}
