package core

import (
	"newsbot/bot/internal/intent"
	"strings"
)

// The act a place question asks the place of ("在哪个城市宣布…", "是哪个国家发起的"). An archive
// holds the event's other reports, which name its place, its people and its figures but not the
// act asked about: "世界游泳联合会13日宣布…" tells who announced and when, not where.

// placeActRunes is how much of the run after a place question's place noun names its act: the
// verb opening it (宣布 of "宣布允许俄白运动员用国旗国歌").
const placeActRunes = 2

// placeAct is the act a place question with a place noun (哪个城市, 哪个国家) asks the place of,
// "" when none or a verb of holding (举行, 举办), whose events are placed by their other acts too
// (开幕, 落下帷幕; CheckNoun). A bare 哪里 is left alone: "托管班在哪里上课" asks where a thing is,
// which "托管班设在…" tells in other words; a contest's winner ("哪个小区获得了第一名", told by
// 获评) is the winner checks'.
func placeAct(q intent.Intent) string {
	if q.Type != intent.Place || !intent.Determiners[q.QWord] || AsksWhereItIs(q) || AsksWinner(q) {
		return ""
	}
	act := []rune(q.Asked.PlaceAct)
	if len(act) < placeActRunes || holdVerbs[string(act[:placeActRunes])] {
		return ""
	}
	return string(act[:placeActRunes])
}

// CheckPlaceAct: the act a place question asks about must be told ("是哪个国家发起的" is not
// answered by "…向…峰会发表致辞"), and, asked with 在 ("在哪个城市宣布"), told at a place: 在X or
// 于X before the act.
func CheckPlaceAct(q intent.Intent, window, _ string) string {
	act := placeAct(q)
	if act == "" {
		return ""
	}
	if !strings.Contains(window, act) && !paraphraseIn(q, act, window) {
		return "nothing of " + act
	}
	if strings.HasSuffix(strings.TrimRight(q.Before, "是"), "在") && !actPlaced(window, act) {
		return "no place where " + act
	}
	return ""
}

// actPlaced reports 在X or 于X right before act in window, within one clause.
func actPlaced(window, act string) bool {
	for rest := window; ; {
		i := strings.Index(rest, act)
		if i < 0 {
			return false
		}
		before := []rune(rest[:i])
		for k := len(before) - 1; k >= 0 && len(before)-k <= placeActReach; k-- {
			if IsClauseBreak(before[k]) {
				break
			}
			if (before[k] == '在' || before[k] == '于') && k < len(before)-1 {
				return true
			}
		}
		rest = rest[i+len(act):]
	}
}

// placeActReach is how far before its act a place phrase may open.
const placeActReach = 16
