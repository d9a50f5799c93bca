package forms

import (
	"fmt"
	"regexp"
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// placeForm: where an event takes place ("在哪里举办") by its 在X phrase; where a thing is by a
// place; where a thing comes from only by an origin (wanted.go, aspect.go, clauses.go).
var placeForm = questionForm{
	name:    "place",
	factors: []core.ScoreFactor{{Name: "event place", Order: 120, Fit: fitEventPlace}},
	spans:   []core.SpanForm{{Name: "event place", Order: 20, Find: findEventPlace}},
	checks: []core.Check{
		{Name: "where it is", Stage: core.StageWindow, Order: 90, Refuse: core.OnWindow(core.CheckWhereItIs)},
		{Name: "origin", Stage: core.StageWindow, Order: 120, Refuse: core.OnWindow(core.CheckOrigin)},
		{Name: "place's act", Stage: core.StageWindow, Order: 125, Refuse: core.OnWindow(core.CheckPlaceAct)},
		{Name: "no place", Stage: core.StageAnswer, Order: 430, Refuse: checkPlaceAnswer},
	},
}

// fitEventPlace: "开幕式在哪里举行" by "…运动会在县体育中心开幕", not "开幕式上,…".
func fitEventPlace(x *core.Extractor, _ *core.Candidate, s string) float64 {
	if !x.AsksEventPlace() {
		return 1
	}
	return core.Either(x.PlacesEvent(s), eventPlaceFit)
}

// findEventPlace: "在哪里听取了…介绍": the "在X" phrase before the act, or opening the sentence.
func findEventPlace(x *core.Extractor, c *core.Cutting) {
	if !x.AsksEventPlace() {
		return
	}
	if ps, pe, found := x.EventPlaceSpan(c.Sr); found {
		c.Start, c.End, c.Ok = ps, pe, true
	}
}

// checkPlaceAnswer: "X在哪里" is answered by a place.
func checkPlaceAnswer(in *core.CheckInput) string {
	p := in.P
	if core.AsksWhereItIs(in.X.Q) && p.Span != "" && !core.PlaceLike(core.AsciiLower(intent.Fold(p.Span)), p.Cand.Folded[p.Sent]) {
		return "the span " + p.Span + " is no place"
	}
	return ""
}

// eventPlaceFit favours, for a question where an event takes place, a sentence telling the event
// at a place ("在县体育中心开幕").
const eventPlaceFit = 1.6

// The place half of the role questions (RolePick, form_title.go): "X在哪个镇", "X属于哪个市",
// "X在哪" by the administrative unit written before the place's name.
var (
	// adminQuestionRe: "X在哪个镇", "X属于哪个市", "X位于哪个区".
	adminQuestionRe = regexp.MustCompile(lexicon.String("adminQuestionRe"))
	// bareWhereRe: "X在哪", "X在哪里", "X位于哪儿".
	bareWhereRe = regexp.MustCompile(lexicon.String("bareWhereRe"))
)

// adminEnds end an administrative unit's name.
var adminEnds = lexicon.String("adminEnds")

// namelyFormat names the place a unit stands for ("该区（即武进区）"; lexicon [answerFragments]).
var namelyFormat = lexicon.Text("answerFragments", "namely")

// adminPick finds place written after administrative units and answers with the unit ending in
// level (镇, 市…) and the place as written.
func adminPick(x *core.Extractor, cands []*core.Candidate, place, level string) (core.Pick, bool) {
	pr := []rune(place)
	for _, c := range cands {
		article := c.Headline + " " + strings.Join(c.Folded, " ")
		for i, s := range c.Folded {
			sr := []rune(s)
			for at := 0; at < len(sr); at++ {
				n := NameAt(sr, at, pr, strings.Contains(article, place))
				if n == 0 {
					continue
				}
				us, ok := unitBefore(sr, at, level)
				if !ok {
					continue
				}
				shown := []rune(c.Shown[i])
				unit := string(shown[us : at+n])
				if n != len(pr) {
					unit += fmt.Sprintf(namelyFormat, place)
				}
				return prefixPick(x, c, i, unit, place), true
			}
		}
	}
	return core.Pick{}, false
}

// NameAt is the length of the place name at sr[at]: the name itself, or, when abbreviated is
// allowed, a longer name holding its characters in order with the same first and last character
// ("达尔罕茂明安联合旗" for 达茂旗); 0 when none starts there.
func NameAt(sr []rune, at int, name []rune, abbreviated bool) int {
	if at+len(name) <= len(sr) && string(sr[at:at+len(name)]) == string(name) {
		return len(name)
	}
	if !abbreviated || sr[at] != name[0] || len(name) < 2 {
		return 0
	}
	const maxFullName = 12
	k := 1
	for j := at + 1; j < len(sr) && j-at < maxFullName && intent.IsHan(sr[j]) && !intent.IsStopRune(sr[j]); j++ {
		if k < len(name) && sr[j] == name[k] {
			k++
			if k == len(name) {
				return j + 1 - at
			}
		}
	}
	return 0
}

// unitBefore walks back over the chain of administrative units written right before sr[at]
// ("内蒙古自治区包头市", "常州市武进区嘉泽镇") to the nearest one ending in level; it returns its
// start.
func unitBefore(sr []rune, at int, level string) (int, bool) {
	end := at
	for end > 0 {
		last := sr[end-1]
		if !strings.ContainsRune(adminEnds, last) && !(level == intent.Subdistrict && strings.HasSuffix(string(sr[:end]), intent.Subdistrict)) {
			return 0, false
		}
		start := end - 1
		if strings.HasSuffix(string(sr[:end]), intent.Subdistrict) {
			start = end - intent.RuneLen(intent.Subdistrict)
		}
		for start > 0 && end-start < 8 && intent.IsHan(sr[start-1]) && !intent.IsStopRune(sr[start-1]) && !strings.ContainsRune(adminEnds, sr[start-1]) {
			start--
		}
		if end-start < 2 {
			return 0, false
		}
		if strings.HasSuffix(string(sr[start:end]), level) {
			return start, true
		}
		end = start
	}
	return 0, false
}
