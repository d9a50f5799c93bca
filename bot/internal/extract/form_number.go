package extract

import (
	"newsbot/lexicon"
)

// numberForm: "多少" is answered by the number in the asked unit (units.go), by the noun counted
// ("143个接种点"), a score ("3∶1"); the figure must be the statistic and the qualified measure asked
// (qualifier.go), with the numbers the question names.
var numberForm = questionForm{
	name: "number",
	factors: []scoreFactor{{name: "tight anchor", order: 110, fit: func(x *Extractor, _ *Candidate, s string) float64 {
		return when(x.Q.Type == qtNumber && x.numberRightAfterAnchor(s), tightAnchorFit)
	}}},
	spans: []spanForm{
		{name: "counted noun", order: 50, find: findCountedNoun},
		{name: "score", order: 70, find: findScore},
		{name: "unit", order: 100, find: findUnit},
	},
	checks: []Check{
		{Name: "units", Stage: StageWindow, order: 10, Refuse: onWindow(CheckUnits)},
		{Name: "numbers named", Stage: StageWindow, order: 60, Refuse: onWindow(CheckNumbersNamed)},
		{Name: "statistic", Stage: StageWindow, order: 70, Refuse: onWindow(CheckStatistic)},
		{Name: "measure qualifier", Stage: stageContext, order: 330, Refuse: checkMeasureQualifier},
	},
}

// findCountedNoun: "多少个流感疫苗接种点" by "143个接种点", not by the "8.7万剂" beside the words
// 流感疫苗; "几个口袋公园" by "新建口袋公园3处", though the text counts them in 处.
func findCountedNoun(x *Extractor, c *cutting) {
	if x.Q.Type != qtNumber || expectedUnits(x.Q) != nil && !measureOnly(x.Q) {
		return
	}
	if cs, ce, found := countedNounSpan(x.Q, c.sr); found {
		c.start, c.end, c.ok, c.counted = cs, ce, true, true
	}
}

// scoreQuestionWords ask for a score (lexicon).
var scoreQuestionWords = lexicon.Words("scoreQuestionWords")

// findScore: "比分是多少" by "3∶1".
func findScore(x *Extractor, c *cutting) {
	if !ContainsAnyOf(x.Q.Norm, scoreQuestionWords) {
		return
	}
	if loc := scoreRe.FindStringIndex(c.s); loc != nil {
		c.start, c.end, c.ok, c.counted = runeLen(c.s[:loc[0]]), runeLen(c.s[:loc[1]]), true, true
	}
}

// findUnit: the number in the asked unit whose surroundings best match the question.
func findUnit(x *Extractor, c *cutting) {
	units := expectedUnits(x.Q)
	if units == nil || asksFrequency(x.Q) || c.counted {
		return
	}
	if us, ue, found := unitSpan(c.s, units, x.Q.Terms); found {
		c.start, c.end, c.ok = us, ue, true
	}
}

// tightAnchorFit favours, for a number question, a sentence whose number follows the words right
// before the question word.
const tightAnchorFit = 1.15
