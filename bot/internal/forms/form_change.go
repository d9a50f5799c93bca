package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// changeForm: "增长了多少" is answered by the change ("同比增长6.2%"), not the level (detection:
// core/change.go, which core's units ask too).
var changeForm = questionForm{
	name:   "change",
	detect: func(q intent.Intent) bool { return core.AskedChange(q) != nil },
	spans:  []core.SpanForm{{Name: "change", Order: 110, Find: findChange}},
	checks: []core.Check{{Name: "change", Stage: core.StageWindow, Order: 150, Refuse: core.OnWindow(checkChange)}},
}

// findChange: "增长了多少" by "同比增长6.2%", not the level 312.6亿元.
func findChange(x *core.Extractor, c *core.Cutting) {
	words := core.AskedChange(x.Q)
	if words == nil {
		return
	}
	if cs, ce, found := changeSpan(x, c.Sr, words); found {
		c.Start, c.End, c.Ok = cs, ce, true
	}
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
			i := core.RuneIndex(sr[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			after := i + len(wr)
			if len(wr) == 1 && !strings.Contains(string(sr[core.ClauseStart(sr, i, false):i]), intent.Comparison) {
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
			if ns, ne, found := core.NumberRightAfter(sr, after); found {
				out = append(out, changeMention{Word: i, Start: ns, End: ne, MeasureAfter: measured})
			}
		}
	}
	return out
}

// changeSpan is the change told in sr whose clause, with the words just before it, holds most of
// the question's terms (the first of equals); rune offsets.
//
// The question's own change word does not count: "GDP增速是多少" asks the rate told by "同比增长
// 6.2%", not the change of the rate in "增速比上半年提高0.3个百分点".
func changeSpan(x *core.Extractor, sr []rune, words []string) (int, int, bool) {
	asked, _ := core.AskedChangeWord(x.Q)
	bestS, bestE, bestFit := 0, 0, -1.0
	for _, m := range changeMentions(sr, words, changedMeasure(x.Q, words)) {
		cs, ce := core.ClauseStart(sr, m.Word, false), core.ClauseEnd(sr, m.End, false)
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

// checkChange: "GDP增长多少" is not answered by a sentence telling the GDP alone ("实现地区生产总值
// 312.6亿元"): a change question needs a change told.
// A counted noun after the question word ("减少多少车流", "增加多少岗位") asks an amount the text
// may tell in other words ("分流车流约3万辆次", "新增岗位600个"), and is left to the other checks.
func checkChange(q intent.Intent, window, _ string) string {
	words := core.AskedChange(q)
	if words == nil || q.Asked.Counted != "" {
		return ""
	}
	wr := []rune(window)
	measure := changedMeasure(q, words)
	for _, m := range changeMentions(wr, words, measure) {
		// The change must be told of the measure asked, in its own sentence: "农民人均收入增长到3.2万元。
		// 全年社会消费品零售总额增长率为7.1%" tells no change of the income.
		from := core.ClauseStart(wr, m.Word, true) // the start of its sentence part
		if measure == "" || m.MeasureAfter || core.SharesBigram(measure, string(wr[from:m.Word])) {
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
	a := core.NumberAttribute(q)
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
	words := core.AskedChange(q)
	measure := []rune(changedMeasure(q, words))
	attr := []rune(core.NumberAttribute(q))
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

// rateSuffixes end a rate noun (增长率, 涨幅, 增速); levelSuffixes a level reached (增长到, 产值,
// 总量); comparisonOpeners open a comparison (同比, 环比, 相比).
var (
	rateSuffixes      = lexicon.String("rateSuffixes")
	levelSuffixes     = lexicon.String("levelSuffixes")
	comparisonOpeners = lexicon.String("comparisonOpeners")
	// comparisonRunes are the characters of a comparison (比, 较).
	comparisonRunes = lexicon.String("comparisonRunes")
)
