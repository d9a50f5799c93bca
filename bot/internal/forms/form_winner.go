package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// winnerForm: "哪个楼道获得了第一名" is answered by the clause telling the result (pairs.go); the
// result and the rank asked must be told.
var winnerForm = questionForm{
	name:    "winner",
	clauses: []core.ClauseForm{{Name: "winner", Order: 30, Cut: cutWinnerClause}},
	checks: []core.Check{
		{Name: "winner told", Stage: core.StageWindow, Order: 140, Refuse: core.OnWindow(core.CheckWinnerTold)},
		{Name: "rank named", Stage: core.StageWindow, Order: 160, Refuse: core.OnWindow(core.CheckRankNamed)},
	},
}

// cutWinnerClause: "哪个楼道获得了第一名".
func cutWinnerClause(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	if !core.AsksWinner(x.Q) || x.Q.Type != intent.Org && x.Q.Type != intent.Place && x.Q.Type != intent.What {
		return "", "", false
	}
	return c.Clause(core.WinnerClause(c.Sr))
}
