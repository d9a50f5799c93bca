package forms

import "newsbot/bot/internal/intent"
import "newsbot/bot/internal/core"

// changeForm: "增长了多少" is answered by the change ("同比增长6.2%"), not the level (change.go).
var changeForm = questionForm{
	name:   "change",
	detect: func(q intent.Intent) bool { return core.AskedChange(q) != nil },
	spans:  []core.SpanForm{{Name: "change", Order: 110, Find: findChange}},
	checks: []core.Check{{Name: "change", Stage: core.StageWindow, Order: 150, Refuse: core.OnWindow(core.CheckChange)}},
}

// findChange: "增长了多少" by "同比增长6.2%", not the level 312.6亿元.
func findChange(x *core.Extractor, c *core.Cutting) {
	words := core.AskedChange(x.Q)
	if words == nil {
		return
	}
	if cs, ce, found := x.ChangeSpan(c.Sr, words); found {
		c.Start, c.End, c.Ok = cs, ce, true
	}
}
