package extract

// agentForm: "谁在经营", "哪个单位主办的": the act must be told in the answer (asked.go).
var agentForm = questionForm{
	name:    "agent",
	clauses: []clauseForm{{name: "agent's act", order: 20, cut: cutActClause}},
	checks:  []Check{{Name: "agent role", Stage: StageWindow, order: 110, Refuse: onWindow(checkAgentRole)}},
}

// cutActClause: "食堂是谁在经营": "引入专业餐饮企业运营" (people are cut with their titles later).
func cutActClause(x *Extractor, c *cutting) (string, string, bool) {
	if x.Q.Type != qtPerson {
		return "", "", false
	}
	as, ae, found := x.actClause(c.sr)
	if !found || personRe.MatchString(string(c.sr[as:ae])) {
		return "", "", false
	}
	return c.shownClause(as, ae), "", true
}
