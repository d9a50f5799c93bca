package forms

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
)

// listForm: "哪些" is answered by the comma clause holding the 、 list (lists.go); a count names
// none of the items.
var listForm = questionForm{
	name:    "list",
	detect:  asksList,
	factors: []core.ScoreFactor{{Name: "list", Order: 100, Fit: fitList}},
	clauses: []core.ClauseForm{{Name: "places listed", Order: 60, Cut: cutPlaceList}},
	checks:  []core.Check{{Name: "no list", Stage: core.StageAnswer, Order: 410, Refuse: checkListAnswer}},
}

// asksList reports a question for a list: 哪些, and 哪些 of places ("哪些国家").
func asksList(q intent.Intent) bool {
	return q.Type == intent.List || q.Type == intent.Place && intent.QuestionWords[q.QWord] == intent.List
}

// fitList: "哪些方面深化合作" by "围绕城市、产业、人才等方面深化务实合作".
func fitList(x *core.Extractor, _ *core.Candidate, s string) float64 {
	_, _, ok := x.ListClause([]rune(s))
	return core.When(ok, core.ListFit)
}

// cutPlaceList: "哪些国家的海鲜料理": the places are the list ("来自日本、泰国、西班牙等地的海鲜料理").
func cutPlaceList(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	if x.Q.Type != intent.Place || intent.QuestionWords[x.Q.QWord] != intent.List {
		return "", "", false
	}
	return c.Clause(x.ListClause(c.Sr))
}

// checkListAnswer: "音乐节有哪些乐队" is not told by "共有…24支乐队参加演出": a count names none of them.
func checkListAnswer(in *core.CheckInput) string {
	if p := in.P; !core.ContainsAnyOf(p.Unit, core.ListMarks) || core.CountList(p.Unit) {
		return "no list"
	}
	return ""
}
