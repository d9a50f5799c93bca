// Article context: the question's subject, which candidate articles hold it, and the places an
// article names (extract.go reads them before scoring).

package core

import (
	"newsbot/bot/internal/intent"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"newsbot/lexicon"
)

// timeWords open a question without being its subject ("原来的第一水厂…": the plant is).
var timeWords = lexicon.Set("timeWords")

// SubjectOf is the first content run that is not a time word.
func SubjectOf(runs []string) string {
	for _, r := range runs {
		if !timeWords[r] {
			return r
		}
	}
	return FirstOr(runs)
}

func FirstOr(runs []string) string {
	if len(runs) == 0 {
		return ""
	}
	return runs[0]
}

// MarkHeld records which question runs each candidate article holds (headline and text): a run
// one article holds and another lacks tells the articles apart ("包头市的市长" is not asked of an
// article about another city's mayor).
func (x *Extractor) MarkHeld(cands []*Candidate) {
	x.Held = make(map[*Candidate]map[string]bool, len(cands))
	x.Elsewhere = map[string]bool{}
	for _, c := range cands {
		text := c.Headline + " " + strings.Join(c.Folded, " ")
		h := map[string]bool{}
		for _, r := range x.Runs {
			if intent.RuneLen(r) >= 2 && HoldsRun(text, r) && (!namesPlace(r) || strings.Contains(text, r)) {
				h[r] = true
				x.Elsewhere[r] = true
			}
		}
		x.Held[c] = h
	}
}

// namesPlace reports a run that is a place's whole name (青山县, 西堰区): an article holds it only
// by that name, not by a word sharing its first characters ("绿水青山" is no 青山县).
func namesPlace(run string) bool {
	r := []rune(run)
	return len(r) >= 3 && len(r) <= 5 && strings.ContainsRune(intent.PlaceSuffixRunes, r[len(r)-1])
}

// ListedIn reports a run, which sentence s does not hold, written in prev as an item of a list:
// one of its bigrams that s lacks right before 、/和/与/及 ("…新门诊楼和东湖幸福食堂").
func ListedIn(prev, s, run string) bool {
	r := []rune(run)
	for i := 0; i+1 < len(r); i++ {
		bg := string(r[i : i+2])
		if strings.Contains(s, bg) {
			continue
		}
		if anyOccurrence(prev, bg, func(at int) bool {
			next, _ := utf8.DecodeRuneInString(prev[at+len(bg):])
			return strings.ContainsRune(listJoiners, next)
		}) {
			return true
		}
	}
	return false
}

// leadingPlaceRe is a place's name opening a question's subject run: "河西县" of "河西县县长".
var leadingPlaceRe = regexp.MustCompile(lexicon.String("leadingPlaceRe"))

// districtSuffix ends a district's name (lexicon [districtSuffix]).
var districtSuffix = lexicon.String("districtSuffix")

// LeadingPlace is the place a subject run opens with when more follows it ("河西县县长" → 河西县),
// "" when none.
func LeadingPlace(run string) string {
	m := leadingPlaceRe.FindString(run)
	if m == "" || m == run || strings.ContainsFunc(m, intent.IsStopRune) || strings.ContainsRune(intent.MeasureWords, []rune(m)[0]) {
		return "" // "有几家景区门票优惠": 家 counts the scenic spots
	}
	if strings.HasSuffix(m, districtSuffix) && strings.ContainsRune(commonAreaRunes, []rune(m)[intent.RuneLen(m)-2]) {
		return "" // 景区, 社区, 市区… are kinds of area, not a district's name
	}
	return m
}

// NamesPlaceOf reports whether c is about place: it names it whole, or its paper does, or another
// candidate article of its edition does (a county paper writes 我县).
func (x *Extractor) NamesPlaceOf(c *Candidate, place string) bool {
	held := func(c *Candidate) bool {
		return strings.Contains(c.Headline, place) || slices.ContainsFunc(c.Folded, func(s string) bool { return strings.Contains(s, place) })
	}
	stem := string([]rune(place)[:intent.RuneLen(place)-1])
	if held(c) || c.Article.Paper != "" && strings.Contains(c.Article.Paper, stem) {
		return true
	}
	for other := range x.Held {
		if other != c && c.Article.Date != "" && other.Article.Date == c.Article.Date && other.Article.Paper == c.Article.Paper && held(other) {
			return true
		}
	}
	return false
}

// HoldsRun reports whether text holds at least half of run's character bigrams.
func HoldsRun(text, run string) bool {
	rs := []rune(run)
	found := 0
	for i := 0; i+1 < len(rs); i++ {
		if strings.Contains(text, string(rs[i:i+2])) {
			found++
		}
	}
	return 2*found >= len(rs)-1
}

// EditionPlace reports a subject that is a place another article of c's own edition names ("青山县的
// 第二水厂…": a county paper names its county in one article and says 县城 in the next), which every
// article of that edition is about.
func (x *Extractor) EditionPlace(c *Candidate) bool {
	r := []rune(x.Subject)
	if len(r) < 2 || !strings.ContainsRune(intent.PlaceSuffixRunes, r[len(r)-1]) || c.Article.Date == "" {
		return false
	}
	for other, h := range x.Held {
		if other != c && h[x.Subject] && other.Article.Date == c.Article.Date && other.Article.Paper == c.Article.Paper {
			return true
		}
	}
	return false
}

// Placement is the factor for the question runs other candidates hold and c does not: the
// subject missing weighs most.
func (x *Extractor) Placement(c *Candidate) float64 {
	f := 1.0
	for r := range x.Elsewhere {
		switch {
		case x.Held[c][r]:
		case r == x.Subject:
			f *= 0.5
		default:
			f *= 0.85
		}
	}
	return f
}

// covered sums the weights of the terms found in s.
func (x *Extractor) covered(s string) float64 {
	var sum float64
	for _, t := range x.Terms {
		if t.In(s) {
			sum += x.Weight(t)
		}
	}
	return sum
}

// listJoiners join the items of a list (、, 和, 与, 及).
var listJoiners = lexicon.String("listJoiners")
