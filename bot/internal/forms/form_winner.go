package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// winnerForm: "哪个楼道获得了第一名" is answered by the clause telling the result (winnerClause below); the
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
	return c.Clause(winnerClause(c.Sr))
}

// winVerbs are the verbs of winning a prize or a place (lexicon [winVerbs]).
var winVerbs = lexicon.Words("winVerbs")

// winnerClause is the comma clause of sr telling a contest's result ("其中柳岸小区12幢2单元获评“最美
// 楼道”第一名"), without a leading 其中; ok false when none.
func winnerClause(sr []rune) (int, int, bool) {
	_, start, end, ok := core.CueClause(sr, core.WinnerResults)
	if !ok {
		return 0, 0, false
	}
	start, end = core.TrimSpan(sr, start, end)
	if strings.HasPrefix(string(sr[start:end]), intent.Among) {
		start += intent.RuneLen(intent.Among)
	}
	// "东湖区队以3∶1战胜西山县队，夺得冠军": a clause opening with the verb has its winner in the
	// clause before.
	if core.HasAnyPrefix(string(sr[start:end]), winVerbs...) && start > 1 {
		start = core.ClauseStart(sr, start-1, false)
		start, end = core.TrimSpan(sr, start, end)
	}
	return start, end, end > start
}
