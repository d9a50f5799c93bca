// Aspect (done or planned figures) and event places, read from a sentence for scoring.

package core

import (
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// News sentences tell what is done (已, 累计, 截至) apart from what is planned (计划, 将, 预计);
// a question asking one way prefers sentences told the same way ("已经加装了多少台" → "已累计加装
// 1126台", not "计划再完成加装300台").
var (
	doneCues    = lexicon.Words("doneCues")
	plannedCues = lexicon.Words("plannedCues")
)

// leWithoutAspect hold 了 without its past aspect (了解; lexicon).
var leWithoutAspect = lexicon.Words("leWithoutAspect")

func aspectOf(s string) (done, planned bool) {
	for _, c := range doneCues {
		if strings.Contains(s, c) {
			done = true
		}
	}
	for _, c := range plannedCues {
		if strings.Contains(s, c) {
			planned = true
		}
	}
	return done, planned
}

// questionAspect is the aspect a question asks in: done (已经, or 了 after a verb), planned
// (计划, 将), both, or neither.
func questionAspect(question string) (done, planned bool) {
	done, planned = aspectOf(question)
	// "增长了多少": a question in the past asks what was done, not what is aimed at.
	if strings.Contains(question, "了") && !ContainsAnyOf(question, leWithoutAspect) {
		done = true
	}
	return done, planned
}

// CheckAspect: a figure asked as planned ("计划提供多少个岗位") is not told by a window, and its
// headline, that tell only what was done ("…刚刚结束，其间…累计…发布岗位4300多万个"): the plan's
// figure is another fact, often never published.
func CheckAspect(in *CheckInput) string {
	q := in.X.Q
	if q.Type != intent.Number {
		return ""
	}
	qDone, qPlanned := questionAspect(q.Norm)
	if !qPlanned || qDone {
		return ""
	}
	if done, planned := aspectOf(in.Window + " " + in.Headline); done && !planned {
		return "a figure done, not planned"
	}
	return ""
}

// AspectFit is the factor for a sentence's aspect against the question's.
func AspectFit(question, sentence string) float64 {
	qDone, qPlanned := questionAspect(question)
	if qDone == qPlanned {
		return 1 // the question does not say, or says both
	}
	sDone, sPlanned := aspectOf(sentence)
	switch {
	case qDone && sDone && !sPlanned, qPlanned && sPlanned && !sDone:
		return 1.2
	case qDone && sPlanned && !sDone, qPlanned && sDone && !sPlanned:
		return 0.85
	}
	return 1
}

// MeasureOnly reports a number question whose expected unit is only the measure word 个 after its
// question word (几个, 多少个): the text may count the same thing in another measure word.
func MeasureOnly(q intent.Intent) bool {
	units := ExpectedUnits(q)
	return len(units) > 0 && units[0] == intent.GenericMeasure
}

// AsksEventPlace reports a question for where an event takes place ("在哪里举行").
func (x *Extractor) AsksEventPlace() bool {
	return x.Q.Type == intent.Place && x.Q.QPos >= 0 && !AsksWhereItIs(x.Q) && x.Q.Asked.PlaceAct != ""
}

// PlacesEvent reports "在X<act>" in s, the act being the verb after the question's 在哪里 ("举行")
// or its paraphrase, or the act a ceremony is named after ("开幕式" → 开幕).
func (x *Extractor) PlacesEvent(s string) bool {
	acts := []string{ceremonyStem(x.Q)}
	if v := x.Q.Asked.PlaceAct; intent.RuneLen(v) >= 2 {
		acts = append(acts, v)
		acts = append(acts, intent.ParaphraseIndex[v]...)
	}
	sr := []rune(s)
	for i, r := range sr {
		if r != '在' {
			continue
		}
		window := string(sr[i+1 : min(len(sr), i+16)])
		if cut := strings.IndexAny(window, ",，;；。"); cut >= 0 {
			window = window[:cut]
		}
		for _, a := range acts {
			if a != "" && strings.Contains(window, a) {
				return true
			}
		}
	}
	return false
}

// opensWithReference reports a sentence that starts by referring back ("该工程", "其中", "这一项目").
func opensWithReference(s string) bool {
	for _, p := range opensWithReferenceWords {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// asksYear reports a question for a year (哪年, 哪一年).
func asksYear(q intent.Intent) bool {
	return yearQuestionWords[q.QWord]
}

// yearQuestionWords ask which year.
var yearQuestionWords = lexicon.Set("yearQuestionWords")
