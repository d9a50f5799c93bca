package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"regexp"
	"strings"

	"newsbot/bot/internal/core"
	"newsbot/corpus"
	"newsbot/lexicon"
)

// Which-article questions. "哪篇报道讲了降雪？", "哪条新闻提到了K8路公交？" ask for an article by
// its topic: the topic words are searched and answered like a keyword question, and the answer
// names the article's headline before the sentence that tells of the topic.

// whichArticleRe marks a question for an article by its topic.
var whichArticleRe = regexp.MustCompile(lexicon.String("whichArticleRe"))

// topicVerbs link the article to its topic in such a question.
// (Not 写: "郑可欣写了哪篇报道" asks for a byline, which edition.go answers or refuses.)
var topicVerbs = lexicon.Words("topicVerbs")

// whichArticleTopic is the topic of a which-article question ("哪篇报道讲了降雪" → "降雪"), ok
// false when q is not one or names no topic.
func whichArticleTopic(q intent.Intent) (string, bool) {
	loc := whichArticleRe.FindStringIndex(q.Norm)
	if loc == nil {
		return "", false
	}
	if core.ContainsAnyOf(q.Norm, creditVerbs) {
		return "", false
	}
	rest := q.Norm[:loc[0]] + " " + q.Norm[loc[1]:]
	for _, v := range topicVerbs {
		rest = strings.ReplaceAll(rest, v, " ")
	}
	rest = strings.Trim(strings.TrimSpace(rest), topicTrailers)
	if strings.IndexFunc(rest, intent.IsHan) < 0 && !strings.ContainsAny(rest, "0123456789") {
		return "", false
	}
	return rest, true
}

// withHeadline prefixes an answer about a topic with the headline of the article it cites.
func withHeadline(ans Answer, a corpus.Article) Answer {
	ans.Answer = fmt.Sprintf(overviewText.WhichArticle, a.Headline(), ans.Answer)
	return ans
}

// topicTrailers end a which-article question's topic without belonging to it.
var topicTrailers = lexicon.String("topicTrailers")
