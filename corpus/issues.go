package corpus

import (
	"cmp"
	"slices"
	"strings"
)

// Issue is what readers call an edition: one paper's articles of one date, whatever files or
// feeds they were ingested from. (An Edition is one ingested input.)
type Issue struct {
	Paper    string
	Date     string // YYYY-MM-DD, "" when unknown
	Articles []Article
}

// Key names the issue in stored state (delivery records): paper and date.
func (i Issue) Key() string { return i.Paper + "|" + i.Date }

// Label names the issue as citations do ("青山日报 2026-12-07"), or by its first article's
// edition label when neither paper nor date is known.
func (i Issue) Label() string {
	if l := strings.TrimSpace(i.Paper + " " + i.Date); l != "" {
		return l
	}
	if len(i.Articles) > 0 {
		return i.Articles[0].EditionLabel()
	}
	return ""
}

// Issues groups articles by paper and date, newest first (undated last; papers of one date by
// name), each issue's articles in the order given.
func Issues(arts []Article) []Issue {
	type key struct{ paper, date string }
	var order []key
	groups := map[key][]Article{}
	for _, a := range arts {
		k := key{a.Paper, a.Date}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], a)
	}
	slices.SortStableFunc(order, func(x, y key) int {
		return cmp.Or(strings.Compare(y.date, x.date), strings.Compare(x.paper, y.paper))
	})
	out := make([]Issue, len(order))
	for i, k := range order {
		out[i] = Issue{Paper: k.paper, Date: k.date, Articles: groups[k]}
	}
	return out
}
