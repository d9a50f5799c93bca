package core

import (
	"strings"

	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Change questions: "GDP增长多少", "收入下降了多少", "比上年增加了多少". The sentence that answers one
// usually tells the level too ("实现地区生产总值312.6亿元，同比增长6.2%"); the change is the
// number written right after a change verb of the asked direction, not the level the measure's
// unit would pick.

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
	_, fam := askedChangeWord(q)
	return fam
}

// askedChangeWord is the change word a question asks with ("增速" of "GDP增速是多少") and its
// direction's family, "" and nil when it asks no change.
func askedChangeWord(q intent.Intent) (string, []string) {
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

// changeMention is a change told in a sentence: the change word at Word and the number after it
// (rune offsets).
type changeMention struct {
	Word, Start, End int
	MeasureAfter     bool // the measure asked stands between the word and the number
}

// changeMentions are the numbers told right after one of words in sr ("同比增长6.2%", "比上年增加
// 7.3亿元", "增长率为6.2%"). A verb followed by 到/至 tells the level reached ("增长到85亿元") and is
// passed over, and so is a word that merely starts a noun ("增加值85.4亿元"); a lone 增/多 counts
// only in a comparison ("比去年多5人"). The measure asked may stand between the change word and its
// number ("新增志愿者40人").
func changeMentions(sr []rune, words []string, measure string) []changeMention {
	var out []changeMention
	for _, w := range words {
		wr := []rune(w)
		for from := 0; from < len(sr); {
			i := RuneIndex(sr[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			after := i + len(wr)
			if len(wr) == 1 && !strings.Contains(string(sr[ClauseStart(sr, i, false):i]), intent.Comparison) {
				continue
			}
			if after < len(sr) && strings.ContainsRune(rateSuffixes, sr[after]) {
				after++ // 增长率为6.2%
			}
			if after < len(sr) && strings.ContainsRune(levelSuffixes, sr[after]) {
				continue
			}
			measured := measure != "" && strings.HasPrefix(string(sr[after:]), measure)
			if measured {
				after += intent.RuneLen(measure)
			}
			if ns, ne, found := numberRightAfter(sr, after); found {
				out = append(out, changeMention{Word: i, Start: ns, End: ne, MeasureAfter: measured})
			}
		}
	}
	return out
}

// ChangeSpan is the change told in sr whose clause, with the words just before it, holds most of
// the question's terms (the first of equals); rune offsets.
//
// The question's own change word does not count: "GDP增速是多少" asks the rate told by "同比增长
// 6.2%", not the change of the rate in "增速比上半年提高0.3个百分点".
func (x *Extractor) ChangeSpan(sr []rune, words []string) (int, int, bool) {
	asked, _ := askedChangeWord(x.Q)
	bestS, bestE, bestFit := 0, 0, -1.0
	for _, m := range changeMentions(sr, words, changedMeasure(x.Q, words)) {
		cs, ce := ClauseStart(sr, m.Word, false), ClauseEnd(sr, m.End, false)
		clause := string(sr[max(0, cs-24):ce])
		fit := 0.0
		for _, t := range x.Terms {
			if t.In(clause) && !strings.Contains(asked, t.Text) {
				fit += x.Weight(t)
			}
		}
		if fit > bestFit || fit == bestFit && m.Start < bestS {
			bestS, bestE, bestFit = m.Start, m.End, fit
		}
	}
	return bestS, bestE, bestFit >= 0
}

// CheckChange: "GDP增长多少" is not answered by a sentence telling the GDP alone ("实现地区生产总值
// 312.6亿元"): a change question needs a change told.
// A counted noun after the question word ("减少多少车流", "增加多少岗位") asks an amount the text
// may tell in other words ("分流车流约3万辆次", "新增岗位600个"), and is left to the other checks.
func CheckChange(q intent.Intent, window, _ string) string {
	words := AskedChange(q)
	if words == nil || q.Asked.Counted != "" {
		return ""
	}
	wr := []rune(window)
	measure := changedMeasure(q, words)
	for _, m := range changeMentions(wr, words, measure) {
		// The change must be told of the measure asked, in its own sentence: "农民人均收入增长到3.2万元。
		// 全年社会消费品零售总额增长率为7.1%" tells no change of the income.
		from := ClauseStart(wr, m.Word, true) // the start of its sentence part
		if measure == "" || m.MeasureAfter || SharesBigram(measure, string(wr[from:m.Word])) {
			return ""
		}
	}
	return "no change told after " + words[0]
}

// changedMeasure is what a change question asks the change of: the words right before its change
// word ("农民人均收入" of "农民人均收入增长了多少"), "" when none.
// The comparison's base is no part of it: "GDP比去年增长多少" asks of the GDP, "收入同比下降了多少" of
// the 收入.
func changedMeasure(q intent.Intent, words []string) string {
	a := numberAttribute(q)
	for _, w := range words {
		if m := strings.TrimSuffix(a, w); m != a {
			a = m
			break
		}
	}
	if i := strings.LastIndexAny(a, comparisonRunes); i >= 0 {
		a = strings.TrimRight(a[:i], comparisonOpeners)
	}
	return a
}

// WithoutChangeJunction drops from terms the bigram that straddles a change question's measure and
// its change word (额增 of "出口总额增长了多少"): no word, it would favour a sentence writing the two
// side by side ("进出口总额增长6%以上") over one telling the change a clause later ("出口总额721亿元，
// 增长11.2%").
func WithoutChangeJunction(q intent.Intent, terms []intent.Term) []intent.Term {
	words := AskedChange(q)
	measure := []rune(changedMeasure(q, words))
	attr := []rune(numberAttribute(q))
	if words == nil || len(measure) == 0 || len(attr) <= len(measure) {
		return terms
	}
	junction := string([]rune{measure[len(measure)-1], attr[len(measure)]})
	out := terms[:0:0]
	for _, t := range terms {
		if t.Text != junction {
			out = append(out, t)
		}
	}
	return out
}

// changeLeftLight are the light characters between a change's measure and its question word.
var changeLeftLight = lexicon.String("changeLeftLight")

// rateSuffixes end a rate noun (增长率, 涨幅, 增速); levelSuffixes a level reached (增长到, 产值,
// 总量); comparisonOpeners open a comparison (同比, 环比, 相比).
var (
	rateSuffixes      = lexicon.String("rateSuffixes")
	levelSuffixes     = lexicon.String("levelSuffixes")
	comparisonOpeners = lexicon.String("comparisonOpeners")
	// comparisonRunes are the characters of a comparison (比, 较).
	comparisonRunes = lexicon.String("comparisonRunes")
)
