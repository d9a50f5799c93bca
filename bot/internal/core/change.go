package core

import (
	"strings"

	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Change questions: "GDP增长多少", "收入下降了多少", "比上年增加了多少". The sentence that answers one
// usually tells the level too ("实现地区生产总值312.6亿元，同比增长6.2%"); the change is the
// number written right after a change verb of the asked direction, not the level the measure's
// unit would pick. The detection stays here, since core's units ask it too; the span, the check
// and the term filter are forms/form_change.go's.

// changeUp and changeDown are verbs and nouns telling a change in either direction. A noun (增幅,
// 降幅) asks the change as much as a verb does.
var (
	changeUp   = lexicon.Words("changeUp")
	changeDown = lexicon.Words("changeDown")
)

// changeUnits are the units a change is told in besides the measure's own: a rate, a difference
// of rates, a multiple.
var changeUnits = lexicon.Words("changeUnits")

// AskedChange returns the change words a number question asks about (those of its direction),
// nil when it asks no change. The change word must stand right before the question word, past
// 了/是/有/为 ("增长了多少", "增幅是多少"), so that "增加值是多少" still asks a level.
func AskedChange(q intent.Intent) []string {
	_, fam := AskedChangeWord(q)
	return fam
}

// AskedChangeWord is the change word a question asks with ("增速" of "GDP增速是多少") and its
// direction's family, "" and nil when it asks no change.
func AskedChangeWord(q intent.Intent) (string, []string) {
	if q.Type != intent.Number || q.QPos < 0 {
		return "", nil
	}
	left := strings.TrimRight(q.Before, changeLeftLight)
	for _, fam := range [][]string{changeUp, changeDown} {
		for _, w := range fam {
			if !strings.HasSuffix(left, w) {
				continue
			}
			// a lone 增/多 is a change only after a comparison ("比去年多多少"), not the 多 of "有多"
			if intent.RuneLen(w) > 1 || strings.Contains(strings.TrimSuffix(left, w), intent.Comparison) {
				return w, fam
			}
		}
	}
	return "", nil
}

// changeLeftLight are the light characters between a change's measure and its question word.
var changeLeftLight = lexicon.String("changeLeftLight")
