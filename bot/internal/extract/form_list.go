package extract

import "newsbot/bot/internal/intent"

// listForm: "哪些" is answered by the comma clause holding the 、 list (lists.go); a count names
// none of the items.
var listForm = questionForm{
	name:    "list",
	detect:  asksList,
	factors: []scoreFactor{{name: "list", order: 100, fit: fitList}},
	clauses: []clauseForm{{name: "places listed", order: 60, cut: cutPlaceList}},
	checks:  []Check{{Name: "no list", Stage: stageAnswer, order: 410, Refuse: checkListAnswer}},
}

// asksList reports a question for a list: 哪些, and 哪些 of places ("哪些国家").
func asksList(q question) bool {
	return q.Type == qtList || q.Type == qtPlace && intent.QuestionWords[q.QWord] == qtList
}

// fitList: "哪些方面深化合作" by "围绕城市、产业、人才等方面深化务实合作".
func fitList(x *Extractor, _ *Candidate, s string) float64 {
	_, _, ok := x.listClause([]rune(s))
	return when(ok, listFit)
}

// cutPlaceList: "哪些国家的海鲜料理": the places are the list ("来自日本、泰国、西班牙等地的海鲜料理").
func cutPlaceList(x *Extractor, c *cutting) (string, string, bool) {
	if x.Q.Type != qtPlace || intent.QuestionWords[x.Q.QWord] != qtList {
		return "", "", false
	}
	return c.clause(x.listClause(c.sr))
}

// checkListAnswer: "音乐节有哪些乐队" is not told by "共有…24支乐队参加演出": a count names none of them.
func checkListAnswer(in *CheckInput) string {
	if p := in.P; !ContainsAnyOf(p.Unit, listMarks) || countList(p.Unit) {
		return "no list"
	}
	return ""
}
