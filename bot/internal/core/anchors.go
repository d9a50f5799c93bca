// Anchors: the question's words right beside its question word, and the sentence marks that
// tell a sentence holds the kind of thing asked.

package core

import (
	"regexp"
	"slices"
	"strings"

	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// WholeRunFit favours a sentence writing a run of the question's own words whole ("早稻种" in
// "早稻种植面积8.6万亩") over one matching its bigrams apart or by paraphrase ("水稻种植…早稻").
func (x *Extractor) WholeRunFit(s string) float64 {
	for _, r := range x.OwnRuns {
		if intent.RuneLen(r) >= 3 && intent.IsHan([]rune(r)[0]) && strings.Contains(s, r) {
			return wholeRunBonus
		}
	}
	return 1
}

// authorWorkRe is a person's work: "罗一鸣的《稻田智能灌溉装置》", "孙桂芳凭借作品《百鸟朝凤》".
var authorWorkRe = regexp.MustCompile(lexicon.String("authorWorkRe"))

// AuthorOfAskedWork reports s naming the author of a work the question names.
func (x *Extractor) AuthorOfAskedWork(s string) bool {
	for _, m := range authorWorkRe.FindAllStringSubmatch(s, -1) {
		for _, r := range x.OwnRuns {
			if intent.RuneLen(r) >= 3 && HoldsRun(m[1], r) {
				return true
			}
		}
	}
	return false
}

// wholeRunBonus is wholeRunFit's factor.
const wholeRunBonus = 1.05

// anchorSides are the question's words before its question word without the light characters
// that end them (是…), and those after it without the light ones that open them.
func anchorSides(q intent.Intent) (left, right []rune) {
	left = []rune(q.Before)
	for len(left) > 0 && strings.ContainsRune(trailingLight, left[len(left)-1]) {
		left = left[:len(left)-1]
	}
	right = []rune(q.After)
	for len(right) > 0 && strings.ContainsRune(leadingLight, right[0]) {
		right = right[1:]
	}
	return left, right
}

// AnchorsOf returns the content bigrams adjacent to the question word: the last one before it
// (light characters such as 是 skipped) and the first one after it.
func AnchorsOf(q intent.Intent) []string {
	if q.QPos < 0 {
		return nil
	}
	var out []string
	left, right := anchorSides(q)
	if n := len(left); n >= 2 && isContentBigram(left[n-2], left[n-1]) {
		out = append(out, string(left[n-2:]))
	}
	// "什么时候能通车": the modal is the reader's; the act (通车) marks the answer.
	for len(right) > 0 && strings.ContainsRune(modalRunes+leadingLight, right[0]) {
		right = right[1:]
	}
	if len(right) >= 2 && isContentBigram(right[0], right[1]) {
		out = append(out, string(right[:2]))
	}
	return out
}

// ReachAnchors is anchorsOf reaching past neighbours no candidate holds: on each side, the nearest
// content bigram within anchorReach characters that some candidate sentence holds.
func ReachAnchors(q intent.Intent, cands []*Candidate) []string {
	if q.QPos < 0 {
		return nil
	}
	var out []string
	left, right := anchorSides(q)
	for k := len(left); k >= 2 && len(left)-k <= anchorReach; k-- {
		if b := left[k-2 : k]; isContentBigram(b[0], b[1]) && AnyContains(cands, []string{string(b)}) && !inHeadline(cands, string(b)) &&
			!timeOfDay[string(b)] {
			out = append(out, string(b))
			break
		}
	}
	for k := 0; k+1 < len(right) && k <= anchorReach; k++ {
		if b := right[k : k+2]; isContentBigram(b[0], b[1]) && AnyContains(cands, []string{string(b)}) && !inHeadline(cands, string(b)) {
			out = append(out, string(b))
			break
		}
	}
	return out
}

// TypedFor reports whether s holds what q asks for: for a number question whose unit is known
// (多少老人 → 人/名/人次), a number in that unit; else hasAnswerFor.
func (x *Extractor) TypedFor(s string) bool {
	if !HasAnswerFor(x.Q, s) {
		return false
	}
	units := x.Units
	if units == nil || AsksFrequency(x.Q) {
		return true
	}
	return HasNumberIn(s, units) || slices.Contains(units, intent.UnitDays) && DateRangeRe.MatchString(s) ||
		len(units) == 1 && units[0] == intent.UnitYuan && ContainsAnyOf(s, FreeWords)
}

// NumberRightAfterAnchor reports an anchor of the question (the bigram before its question word)
// followed in s by a number, with at most a linking character between ("进出口243亿元", "总投资约
// 58亿元").
func (x *Extractor) NumberRightAfterAnchor(s string) bool {
	for _, a := range x.Anchors {
		for off := 0; ; {
			i := strings.Index(s[off:], a)
			if i < 0 {
				break
			}
			at := off + i + len(a)
			rest := s[at:]
			for _, w := range totalWords {
				rest = strings.TrimPrefix(rest, w) // "出口总额721亿元"
			}
			if _, _, ok := NumberRightAfter([]rune(rest), 0); ok {
				return true
			}
			off = at
		}
	}
	return false
}

// headAltIn reports whether s holds what may stand for anchor a when a is the head noun of a
// 什么X question (Asked.WantedAlts).
func (x *Extractor) headAltIn(a, s string) bool {
	head, alts := x.Q.Asked.Wanted, x.Q.Asked.WantedAlts
	if head != a {
		return false
	}
	for _, alt := range alts {
		if strings.Contains(s, alt) {
			return true
		}
	}
	return false
}

// inHeadline reports a bigram some candidate's headline holds: the article's topic, which marks
// no sentence of it in particular.
func inHeadline(cands []*Candidate, b string) bool {
	for _, c := range cands {
		if strings.Contains(c.Headline, b) {
			return true
		}
	}
	return false
}

func isContentBigram(a, b rune) bool {
	return intent.IsHan(a) && intent.IsHan(b) && !intent.IsStopRune(a) && !intent.IsStopRune(b)
}

// AnyContains reports whether any candidate sentence contains any of pieces.
func AnyContains(cands []*Candidate, pieces []string) bool {
	for _, c := range cands {
		for _, s := range c.Folded {
			for _, p := range pieces {
				if strings.Contains(s, p) {
					return true
				}
			}
		}
	}
	return false
}

// titleSuffixes end a title written right before a name (旗长黄龙, 副局长李茅茅).
var titleBeforeRe = regexp.MustCompile(lexicon.String("titleBeforeRe"))

// TitleBefore reports whether the question's subject (its first content run) appears in s right
// after a title, as in "达茂旗委副书记、旗长黄龙".
func (x *Extractor) TitleBefore(s string) bool {
	if len(x.Runs) == 0 {
		return false
	}
	return anyOccurrence(s, x.Runs[0], func(at int) bool { return titleBeforeRe.MatchString(s[:at]) })
}

// anyOccurrence reports whether ok holds at the byte offset of some occurrence of sub in s
// (occurrences not overlapping, left to right).
func anyOccurrence(s, sub string, ok func(at int) bool) bool {
	for at := strings.Index(s, sub); at >= 0; {
		if ok(at) {
			return true
		}
		next := strings.Index(s[at+len(sub):], sub)
		if next < 0 {
			return false
		}
		at += len(sub) + next
	}
	return false
}
