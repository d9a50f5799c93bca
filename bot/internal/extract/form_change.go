package extract

// changeForm: "增长了多少" is answered by the change ("同比增长6.2%"), not the level (change.go).
var changeForm = questionForm{
	name:   "change",
	detect: func(q question) bool { return askedChange(q) != nil },
	spans:  []spanForm{{name: "change", order: 110, find: findChange}},
	checks: []Check{{Name: "change", Stage: StageWindow, order: 150, Refuse: onWindow(checkChange)}},
}

// findChange: "增长了多少" by "同比增长6.2%", not the level 312.6亿元.
func findChange(x *Extractor, c *cutting) {
	words := askedChange(x.Q)
	if words == nil {
		return
	}
	if cs, ce, found := x.changeSpan(c.sr, words); found {
		c.start, c.end, c.ok = cs, ce, true
	}
}
