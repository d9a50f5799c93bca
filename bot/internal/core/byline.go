package core

import (
	"newsbot/bot/internal/intent"
	"newsbot/lexicon"
	"strings"
)

// bylineCues mark a question about authorship.
var bylineCues = lexicon.Words("bylineCues")

// IsBylineQuestion reports a who-question about who wrote or photographed an item.
func IsBylineQuestion(q intent.Intent) bool {
	if q.Type != intent.Person {
		return false
	}
	for _, c := range bylineCues {
		if strings.Contains(q.Norm, c) {
			return true
		}
	}
	return false
}

// BylinePick chooses the candidate the question names (by headline, kicker or column; retrieval
// rank breaks ties) and returns it, ok false when none has a byline.
func BylinePick(q intent.Intent, cands []*Candidate) (*Candidate, float64, bool) {
	var runs []string
	for _, r := range intent.RunsOf(q.Norm, q.QWord) {
		for _, c := range bylineCues {
			r = strings.ReplaceAll(r, c, "")
		}
		if r != "" {
			runs = append(runs, r)
		}
	}
	var best *Candidate
	bestCov := -1.0
	for _, c := range cands {
		if c.Article.Byline == "" || len(c.Sents) == 0 {
			continue
		}
		cov := CharCoverage(runs, c.Headline+" "+strings.Join(c.Folded, " "))
		head := CharCoverage(runs, c.Headline)
		score := cov + head
		if score > bestCov {
			best, bestCov = c, score
		}
	}
	if best == nil {
		return nil, 0, false
	}
	return best, CharCoverage(runs, best.Headline+" "+strings.Join(best.Folded, " ")), true
}
