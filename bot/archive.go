package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// Questions over an archive of many editions name the day or the month they are about, and the
// paper by its name ("2024年4月1日新闻联播有哪些新闻"). A named day is matched against the edition
// date of the article that answers (dates.go); this file holds what the answer must then agree
// with, and how a paper's name is read in a question about an edition's contents.

// papersOf lists the distinct paper names of a library's articles.
func papersOf(arts []corpus.Article) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range arts {
		if p := intent.Fold(a.Paper); p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// withoutPapers is the question with the library's paper names taken out: "2024年4月1日新闻联播
// 有哪些新闻" asks what that edition holds, as "本期有哪些新闻" does; ok is false when the
// question names no paper.
func withoutPapers(clean string, papers []string) (string, bool) {
	q, named := intent.Fold(clean), false
	for _, p := range papers {
		if intent.RuneLen(p) >= 2 && strings.Contains(q, p) {
			q, named = strings.ReplaceAll(q, p, " "), true
		}
	}
	return q, named
}

// paperListing answers a question about an edition's contents that names the paper
// ("2024年4月1日新闻联播有哪些新闻"): read without the paper's name it is an overview question,
// and it lists that paper's edition of the named date (saying so when the library holds none),
// or its newest edition when it names no date. ok is false for any other question.
func paperListing(src *source, clean string) (Answer, bool) {
	rest, named := withoutPapers(clean, src.papers)
	if !named || !isOverviewQuestion(intent.Analyze(rest)) {
		return Answer{}, false
	}
	q := intent.Fold(clean)
	f, dated := retrieval.ParseDateFilter(clean, src.newest)
	var arts []corpus.Article
	newest, paper := "", ""
	for _, a := range src.s.Articles() {
		p := intent.Fold(a.Paper)
		if p == "" || !strings.Contains(q, p) || dated && (a.Date < f.From || a.Date > f.To) {
			continue
		}
		arts, paper = append(arts, a), a.Paper
		newest = max(newest, a.Date)
	}
	if len(arts) == 0 {
		if !dated {
			return Answer{}, false
		}
		return Answer{Answer: fmt.Sprintf(overviewText.NoPaperOn, f.Text), Citations: []Citation{}}, true
	}
	if !dated {
		var last []corpus.Article
		for _, a := range arts {
			if a.Date == newest {
				last = append(last, a)
			}
		}
		arts = last
	}
	return scopedOverview(fmt.Sprintf(overviewText.DatedPaper, arts[0].Date, paper), arts), true
}
