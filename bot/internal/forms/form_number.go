package forms

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// numberForm: "多少" is answered by the number in the asked unit (units.go), by the noun counted
// ("143个接种点"), a score ("3∶1"); the figure must be the statistic and the qualified measure asked
// (qualifier.go), with the numbers the question names.
var numberForm = questionForm{
	name: "number",
	factors: []core.ScoreFactor{{Name: "tight anchor", Order: 110, Fit: func(x *core.Extractor, _ *core.Candidate, s string) float64 {
		return core.When(x.Q.Type == intent.Number && x.NumberRightAfterAnchor(s), tightAnchorFit)
	}}},
	spans: []core.SpanForm{
		{Name: "counted noun", Order: 50, Find: findCountedNoun},
		{Name: "score", Order: 70, Find: findScore},
		{Name: "unit", Order: 100, Find: findUnit},
	},
	checks: []core.Check{
		{Name: "units", Stage: core.StageWindow, Order: 10, Refuse: core.OnWindow(core.CheckUnits)},
		{Name: "numbers named", Stage: core.StageWindow, Order: 60, Refuse: core.OnWindow(core.CheckNumbersNamed)},
		{Name: "statistic", Stage: core.StageWindow, Order: 70, Refuse: core.OnWindow(core.CheckStatistic)},
		{Name: "measure qualifier", Stage: core.StageContext, Order: 330, Refuse: core.CheckMeasureQualifier},
		{Name: "planned figure", Stage: core.StageContext, Order: 335, Refuse: core.CheckAspect},
	},
}

// findCountedNoun: "多少个流感疫苗接种点" by "143个接种点", not by the "8.7万剂" beside the words
// 流感疫苗; "几个口袋公园" by "新建口袋公园3处", though the text counts them in 处.
func findCountedNoun(x *core.Extractor, c *core.Cutting) {
	if x.Q.Type != intent.Number || core.ExpectedUnits(x.Q) != nil && !core.MeasureOnly(x.Q) {
		return
	}
	if cs, ce, found := core.CountedNounSpan(x.Q, c.Sr); found {
		c.Start, c.End, c.Ok, c.Counted = cs, ce, true, true
	}
}

// scoreQuestionWords ask for a score (lexicon).
var scoreQuestionWords = lexicon.Words("scoreQuestionWords")

// findScore: "比分是多少" by "3∶1".
func findScore(x *core.Extractor, c *core.Cutting) {
	if !core.ContainsAnyOf(x.Q.Norm, scoreQuestionWords) {
		return
	}
	if loc := core.ScoreRe.FindStringIndex(c.S); loc != nil {
		c.Start, c.End, c.Ok, c.Counted = intent.RuneLen(c.S[:loc[0]]), intent.RuneLen(c.S[:loc[1]]), true, true
	}
}

// findUnit: the number in the asked unit whose surroundings best match the question.
func findUnit(x *core.Extractor, c *core.Cutting) {
	units := core.ExpectedUnits(x.Q)
	if units == nil || core.AsksFrequency(x.Q) || c.Counted {
		return
	}
	if us, ue, found := core.UnitSpan(c.S, units, x.Q.Terms); found {
		c.Start, c.End, c.Ok = us, ue, true
	}
}

// tightAnchorFit favours, for a number question, a sentence whose number follows the words right
// before the question word.
const tightAnchorFit = 1.15
