package extract

// winnerForm: "哪个楼道获得了第一名" is answered by the clause telling the result (pairs.go); the
// result and the rank asked must be told.
var winnerForm = questionForm{
	name:    "winner",
	clauses: []clauseForm{{name: "winner", order: 30, cut: cutWinnerClause}},
	checks: []Check{
		{Name: "winner told", Stage: StageWindow, order: 140, Refuse: onWindow(checkWinnerTold)},
		{Name: "rank named", Stage: StageWindow, order: 160, Refuse: onWindow(checkRankNamed)},
	},
}

// cutWinnerClause: "哪个楼道获得了第一名".
func cutWinnerClause(x *Extractor, c *cutting) (string, string, bool) {
	if !asksWinner(x.Q) || x.Q.Type != qtOrg && x.Q.Type != qtPlace && x.Q.Type != qtWhat {
		return "", "", false
	}
	return c.clause(winnerClause(c.sr))
}
