package extract

import "newsbot/bot/internal/intent"

// priceForm: "要交多少钱" is answered by 免费 when the sentence names no price.
var priceForm = questionForm{
	name:  "price",
	spans: []spanForm{{name: "free of charge", order: 60, find: findFree}},
}

// findFree: "体检要交多少钱" by "可免费体检": free is the price.
func findFree(x *Extractor, c *cutting) {
	units := expectedUnits(x.Q)
	if len(units) != 1 || units[0] != intent.UnitYuan || hasNumberIn(c.s, units) {
		return
	}
	if i := indexAnyOf(c.s, freeWords); i >= 0 {
		at := runeLen(c.s[:i])
		c.start, c.end, c.ok, c.counted = at, at+2, true, true
	}
}
