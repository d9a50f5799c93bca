package bot

import (
	"strings"
)

// Questions about an article rather than its content: who wrote the report, who took the photo.
// The answer is the byline, which is not part of the text; the quote is the article's lead.

// bylineCues mark a question about authorship.
var bylineCues = []string{"记者", "作者", "写的", "撰写", "撰稿", "拍的", "拍摄", "摄影", "谁拍", "署名", "供稿"}

// isBylineQuestion reports a who-question about who wrote or photographed an item.
func isBylineQuestion(q question) bool {
	if q.Type != qtPerson {
		return false
	}
	for _, c := range bylineCues {
		if strings.Contains(q.Norm, c) {
			return true
		}
	}
	return false
}

// bylinePick chooses the candidate the question names (by headline, kicker or column; retrieval
// rank breaks ties) and returns it, ok false when none has a byline.
func bylinePick(q question, cands []*candidate) (*candidate, float64, bool) {
	var runs []string
	for _, r := range runsOf(q.Norm, q.QWord) {
		for _, c := range bylineCues {
			r = strings.ReplaceAll(r, c, "")
		}
		if r != "" {
			runs = append(runs, r)
		}
	}
	var best *candidate
	bestCov := -1.0
	for _, c := range cands {
		if c.Article.Byline == "" || len(c.Sents) == 0 {
			continue
		}
		cov := charCoverage(runs, c.Headline+" "+strings.Join(c.Folded, " "))
		head := charCoverage(runs, c.Headline)
		score := cov + head
		if score > bestCov {
			best, bestCov = c, score
		}
	}
	if best == nil {
		return nil, 0, false
	}
	return best, charCoverage(runs, best.Headline+" "+strings.Join(best.Folded, " ")), true
}

// bylineAnswer states the byline of c.
func bylineAnswer(c *candidate) string {
	by := strings.TrimSpace(c.Article.Byline)
	name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(by, "记者"), "摄"))
	if strings.HasSuffix(by, "摄") {
		return "《" + c.Article.Headline() + "》的照片由" + name + "拍摄（署名“" + by + "”）。[1]"
	}
	return "《" + c.Article.Headline() + "》的作者是" + name + "（署名“" + by + "”）。[1]"
}
