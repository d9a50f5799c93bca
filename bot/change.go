package bot

import (
	"strings"
)

// Change questions: "GDP增长多少", "收入下降了多少", "比上年增加了多少". The sentence that answers one
// usually tells the level too ("实现地区生产总值312.6亿元，同比增长6.2%"); the change is the
// number written right after a change verb of the asked direction, not the level the measure's
// unit would pick.

// changeUp and changeDown are verbs and nouns telling a change in either direction. A noun (增幅,
// 降幅) asks the change as much as a verb does.
var (
	changeUp   = []string{"增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "涨幅", "增速", "增收", "增", "涨", "多"}
	changeDown = []string{"下降", "减少", "降低", "下跌", "回落", "降幅", "减幅", "减", "降", "少"}
)

// changeUnits are the units a change is told in besides the measure's own: a rate, a difference
// of rates, a multiple.
var changeUnits = []string{"%", "个百分点", "倍", "成"}

// askedChange returns the change words a number question asks about (those of its direction),
// nil when it asks no change. The change word must stand right before the question word, past
// 了/是/有/为 ("增长了多少", "增幅是多少"), so that "增加值是多少" still asks a level.
func askedChange(q question) []string {
	if q.Type != qtNumber || q.QPos < 0 {
		return nil
	}
	left := strings.TrimRight(string([]rune(q.Norm)[:q.QPos]), " 了是有为约大概")
	for _, fam := range [][]string{changeUp, changeDown} {
		for _, w := range fam {
			if !strings.HasSuffix(left, w) {
				continue
			}
			// a lone 增/多 is a change only after a comparison ("比去年多多少"), not the 多 of "有多"
			if runeLen(w) > 1 || strings.Contains(strings.TrimSuffix(left, w), "比") {
				return fam
			}
		}
	}
	return nil
}

// changeSpan finds in sr the number told right after one of words ("同比增长6.2%", "比上年增加
// 7.3亿元"), preferring the one whose clause holds most of the question's terms; rune offsets.
// A verb followed by 到/至 tells the level reached ("增长到85亿元") and is passed over, and so is a
// word that merely starts a noun ("增加值85.4亿元").
func (x *extractor) changeSpan(sr []rune, words []string) (int, int, bool) {
	bestS, bestE, bestFit := 0, 0, -1.0
	for _, w := range words {
		wr := []rune(w)
		for from := 0; ; {
			i := runeIndex(sr[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			after := i + len(wr)
			if len(wr) == 1 && !strings.Contains(string(sr[clauseStart(sr, i, false):i]), "比") {
				continue // a lone 增/多 is a change only in a comparison ("比去年多5人")
			}
			if after < len(sr) && strings.ContainsRune("到至值量", sr[after]) {
				continue
			}
			ns, ne, found := numberRightAfter(sr, after)
			if !found {
				continue
			}
			cs, ce := clauseStart(sr, i, false), clauseEnd(sr, ne, false)
			fit := x.covered(string(sr[max(0, cs-24):ce]))
			if fit > bestFit {
				bestS, bestE, bestFit = ns, ne, fit
			}
		}
	}
	return bestS, bestE, bestFit >= 0
}
