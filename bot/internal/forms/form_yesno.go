package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// yesNoForm: 是否, 吗 and A-not-A questions are answered by the clause holding the deciding fact
// (wanted.go), which must be about what is asked.
var yesNoForm = questionForm{
	name:   "yes/no",
	detect: func(q intent.Intent) bool { return q.Type == intent.YesNo },
	checks: []core.Check{
		{Name: "yes/no predicate", Stage: core.StageWindow, Order: 100, Refuse: core.OnWindow(core.CheckYesNoPredicate)},
		{Name: "yes/no evidence", Stage: core.StageAnswer, Order: 420, Refuse: checkYesNoEvidence},
	},
}

// checkYesNoEvidence: a deciding fact about something else ("免费预约参观" of a museum for "看早樱
// 要门票吗") reads as a confident yes or no: it must be about what is asked.
func checkYesNoEvidence(in *core.CheckInput) string {
	if in.P.OwnCov < core.MinYesNoEvidence {
		return "a deciding fact about something else"
	}
	return ""
}
