package extract

import (
	"fmt"
	"newsbot/bot/internal/intent"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/spanfit"
)

// The answer span by a fitted model (bot/internal/spanfit): where the span forms leave the
// cutter, the model rates every candidate span of the sentence (the rule span among what it
// reads) and takes the one with the highest expected overlap with the answer: always when the
// rules isolated none, and in place of the rule span when it expects more overlap by the model's
// MinGain (the rules are precise where they align the question). The answer clause the reply
// shows is still widened around the rules' span: fitted to public QA sets, the model's span is
// the short answer (Pick.Span), not a choice among the sentence's clauses. Clause forms (pairs,
// reasons, sources…) keep their own cut, and a yes/no question has no span.

// SpanModel is the fitted span model the cutter uses (span_model.json of package spanfit); nil
// leaves the span to the rules. The training test swaps it to measure both.
var SpanModel = spanfit.Default

// fittedSpan is the span the model isolates in c as written, "" when it leaves the rules' span.
// A question's sentences are cut several times (each pick finished), so answers are kept by
// sentence (folded and as written) and rule span.
func fittedSpan(x *core.Extractor, c *core.Cutting) string {
	if SpanModel == nil || x.Q.Type == intent.YesNo || x.RulesSpan {
		return ""
	}
	key := fmt.Sprintf("%s\x00%s\x00%d %d %v", c.S, string(c.Shown), c.Start, c.End, c.Ok)
	if span, seen := x.SpanMemo[key]; seen {
		return span
	}
	in := spanfit.Input{Q: &x.Q, Sentence: c.S, Rule: spanfit.Span{Start: c.Start, End: c.End}, RuleOK: c.Ok}
	span := ""
	if sp, gain, ok := SpanModel.Best(in); ok && (!c.Ok || gain > SpanModel.MinGain) {
		span = string(c.Shown[sp.Start:sp.End])
	}
	if x.SpanMemo == nil {
		x.SpanMemo = map[string]string{}
	}
	x.SpanMemo[key] = span
	return span
}

// finishByRules finishes p with the rules' span alone: the sentence model was fitted on what the
// rules cut, so its features read that.
func finishByRules(x *core.Extractor, p *core.Pick) {
	x.RulesSpan = true
	defer func() { x.RulesSpan = false }()
	Finish(x, p)
}

// RuleSpan is what the rules isolate in sentence s (folded; shown as written) for the span
// model's training: the span's rune offsets and whether one was isolated; clause is true when a
// clause form answers, which the model does not cut.
func RuleSpan(x *core.Extractor, s, shown string) (start, end int, isolated, clause bool) {
	c, _, _, done := isolate(x, s, shown)
	return c.Start, c.End, c.Ok, done
}
