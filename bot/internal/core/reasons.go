package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
)

// Why questions. "为什么要建第二水厂" is answered by the purpose or cause the text gives ("可有效解决
// …水压不足的问题", "为满足市民夜间阅读需求"), which a reason cue introduces, not by the sentence that
// merely names the thing ("第二水厂正式通水运行").

// ReasonCues introduce a purpose or a cause.
var ReasonCues = lexicon.Words("reasonCues")

// ReasonFit favours, for a why question, sentences giving a reason.
const ReasonFit = 2

// AsksWhy reports a question for a reason or a purpose.
func AsksWhy(q intent.Intent) bool {
	return whyQuestionWords[q.QWord] || ContainsAnyOf(q.Norm, whyCues)
}

// ReasonClause is the comma clause of sr holding the first reason cue, as rune offsets; with
// the clause after it when the cue ends its own clause.
func ReasonClause(sr []rune) (int, int, bool) {
	from, start, end, ok := cueClause(sr, ReasonCues)
	if !ok {
		return 0, 0, false
	}
	if end-from <= 4 && end < len(sr) {
		end = clauseEnd(sr, end+1, false)
	}
	start, end = TrimSpan(sr, start, end)
	return start, end, end > start
}

// whyQuestionWords ask why; whyCues ask for a cause or purpose in other words (什么原因, 目的是).
var (
	whyQuestionWords = lexicon.Set("whyQuestionWords")
	whyCues          = lexicon.Words("whyCues")
)
