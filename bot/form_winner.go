package bot

// winnerForm: "哪个楼道获得了第一名" is answered by the clause telling the result (pairs.go); the
// result and the rank asked must be told.
var winnerForm = questionForm{
	name:    "winner",
	clauses: []clauseForm{{name: "winner", order: 30, cut: cutWinnerClause}},
	checks: []Check{
		{Name: "winner told", Stage: stageWindow, order: 140, Refuse: onWindow(checkWinnerTold)},
		{Name: "rank named", Stage: stageWindow, order: 160, Refuse: onWindow(checkRankNamed)},
	},
}

// cutWinnerClause: "哪个楼道获得了第一名".
func cutWinnerClause(x *extractor, c *cutting) (string, string, bool) {
	if !asksWinner(x.q) || x.q.Type != qtOrg && x.q.Type != qtPlace && x.q.Type != qtWhat {
		return "", "", false
	}
	return c.clause(winnerClause(c.sr))
}
