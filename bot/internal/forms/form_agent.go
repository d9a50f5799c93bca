package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// agentForm: "谁在经营", "哪个单位主办的": the act must be told in the answer (asked.go).
var agentForm = questionForm{
	name:    "agent",
	clauses: []core.ClauseForm{{Name: "agent's act", Order: 20, Cut: cutActClause}},
	checks:  []core.Check{{Name: "agent role", Stage: core.StageWindow, Order: 110, Refuse: core.OnWindow(core.CheckAgentRole)}},
}

// cutActClause: "食堂是谁在经营": "引入专业餐饮企业运营" (people are cut with their titles later).
func cutActClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	if x.Q.Type != intent.Person {
		return "", "", false
	}
	as, ae, found := x.ActClause(c.Sr)
	if !found || core.PersonRe.MatchString(string(c.Sr[as:ae])) {
		return "", "", false
	}
	return c.ShownClause(as, ae), "", true
}
