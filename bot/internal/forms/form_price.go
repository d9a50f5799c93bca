package forms

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
)

// priceForm: "要交多少钱" is answered by 免费 when the sentence names no price.
var priceForm = questionForm{
	name:  "price",
	spans: []core.SpanForm{{Name: "free of charge", Order: 60, Find: findFree}},
}

// findFree: "体检要交多少钱" by "可免费体检": free is the price.
func findFree(x *core.Extractor, c *core.Cutting) {
	units := core.ExpectedUnits(x.Q)
	if len(units) != 1 || units[0] != intent.UnitYuan || core.HasNumberIn(c.S, units) {
		return
	}
	if i := core.IndexAnyOf(c.S, core.FreeWords); i >= 0 {
		at := intent.RuneLen(c.S[:i])
		c.Start, c.End, c.Ok, c.Counted = at, at+2, true, true
	}
}
