package forms

import (
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
)

// respectivelyForm: "出口和进口分别是多少" is answered by every clause that answers a part.
var respectivelyForm = questionForm{
	name:    "respectively",
	detect:  asksRespectively,
	clauses: []core.ClauseForm{{Name: "respectively", Order: 40, Cut: cutRespectiveClauses}},
}

// asksRespectively reports a question asking for several parts (分别).
func asksRespectively(q intent.Intent) bool { return strings.Contains(q.Norm, intent.Respectively) }

// cutRespectiveClauses: "出口和进口分别是多少": every clause that answers a part ("出口总额721亿元，
// …进口总额315亿元").
func cutRespectiveClauses(x *core.Extractor, c *core.Cutting) (string, string, bool) {
	ks, ke := x.TermClauses(c.Sr)
	if ke-ks > core.MaxListPartRunes {
		return "", "", false
	}
	return c.ShownClause(ks, ke), "", true
}
