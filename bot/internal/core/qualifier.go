package core

import (
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// Figures of one unit in one sentence ("全长24公里，设计速度每小时100公里", "旅客运输量489.2万人次…
// 中国—东盟航线客运量最大，完成194万人次") are told apart only by the words that qualify each: the
// words written between the figure before it and this one, and right after it up to the next.
// A question's words found there speak for this figure; found beyond the figure before, they
// qualify that one.

// figureContext is the stretch of s (byte offsets) that qualifies the figure locs[i] (unitLen
// the length of its unit): at most 12 characters before it and 6 after, not reaching past the
// neighbouring figures.
func figureContext(s string, locs [][]int, i, unitLen int) (start, end int) {
	loc := locs[i]
	start, end = max(0, loc[0]-36), min(len(s), loc[1]+unitLen+18)
	if i > 0 && hasNumeral(s[locs[i-1][0]:locs[i-1][1]]) {
		start = max(start, locs[i-1][1])
	}
	if i+1 < len(locs) && hasNumeral(s[locs[i+1][0]:locs[i+1][1]]) {
		end = min(end, max(locs[i+1][0], loc[1]+unitLen))
	}
	if start > loc[0] {
		start = loc[0]
	}
	return start, end
}

// contrastQualifiers are groups of qualifiers that tell figures of one unit apart (国内/国际,
// 新增/累计, 同比/环比, 男子/女子…).
var contrastQualifiers = lexicon.Groups("contrastQualifiers")

// CheckMeasureQualifier: a figure asked of a qualified thing ("接待入境游客多少人次", "国际客运航班
// 多少班", "男子4×100米自由泳接力") is not answered by a quote naming another of the qualifier's
// group ("客货运航班117222班", "混合泳接力"), nor by one naming none of it (the whole: "共接待
// 游客6.82亿人次"). The quote, the sentence before it and the headline count, since the
// qualifier is often written once for several figures.
func CheckMeasureQualifier(in *CheckInput) string {
	q, p := in.X.Q, in.P
	if q.Type != intent.Number && q.Type != intent.Org && q.Type != intent.Place && q.Type != intent.Person {
		return ""
	}
	seen := in.Window + " " + in.Headline
	if p.From > 0 {
		seen += " " + p.Cand.Folded[p.From-1]
	}
	for _, group := range contrastQualifiers {
		for _, w := range group {
			if !strings.Contains(q.Norm, w) || strings.Contains(seen, w) {
				continue
			}
			for _, other := range group {
				if other != w && strings.Contains(seen, other) {
					return "the figure of " + other + ", not " + w
				}
			}
			if q.Type == intent.Number {
				return "nothing of " + w
			}
		}
	}
	return ""
}

// firstRunes is the first n runes of s.
func firstRunes(s string, n int) string {
	rs := []rune(s)
	return string(rs[:min(n, len(rs))])
}
