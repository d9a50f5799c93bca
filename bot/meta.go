package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"

	"newsbot/bot/internal/core"
	"newsbot/corpus"
	"newsbot/lexicon"
	"strings"
)

// Questions about an article rather than its content: who wrote the report, who took the photo.
// The answer is the byline, which is not part of the text; the quote is the article's lead.

// The small-talk replies (lexicon [replies]).
var (
	smallTalkReplies  = map[string]string{"thanks": lexicon.Text("replies", "thanks"), "bye": lexicon.Text("replies", "bye")}
	greetingReply     = lexicon.Text("replies", "greeting")
	greetingHeadlines = lexicon.Text("replies", "greetingHeadlines")
)

// overviewText holds the answers about the edition as a whole and about a byline (meta.go,
// archive.go, whicharticle.go), one field a key of lexicon [overviewReplies], filled when the
// package loads.
var overviewText = func() (t struct {
	BylinePhoto, Byline, Overview, OverviewMore, ThisEdition, DatedPaper, NoPaperOn string
	WhichArticle                                                                    string
}) {
	lexicon.Fill("overviewReplies", &t)
	return t
}()

// photoCreditMark ends a photo's byline ("徐芊卉 摄"; lexicon [answerFragments]).
var photoCreditMark = lexicon.Text("answerFragments", "photoCredit")

// bylineAnswer states the byline of c.
func bylineAnswer(c *core.Candidate) string {
	by := strings.TrimSpace(c.Article.Byline)
	if name, ok := strings.CutSuffix(by, photoCreditMark); ok && !strings.ContainsAny(strings.TrimSpace(name), " 　") {
		return fmt.Sprintf(overviewText.BylinePhoto, c.Article.Headline(), strings.TrimSpace(name))
	}
	return fmt.Sprintf(overviewText.Byline, c.Article.Headline(), by)
}

// Small talk and questions about the edition as a whole are answered without retrieval.

var (
	greetings = lexicon.Words("greetings")
	thanks    = lexicon.Words("thanks")
	goodbyes  = lexicon.Words("goodbyes")
	helps     = lexicon.Words("helps")
)

// smallTalkKind classifies a question that is only a greeting, thanks, goodbye or a request for
// help; "" otherwise.
func smallTalkKind(clean string) string {
	s := strings.ToLower(strings.TrimFunc(intent.Fold(clean), core.IsPunctOrSpace))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "啊"), "呀")
	if intent.RuneLen(s) > 8 {
		return ""
	}
	for kind, words := range map[string][]string{"greeting": greetings, "thanks": thanks, "bye": goodbyes, "help": helps} {
		for _, w := range words {
			if s == w || strings.TrimSuffix(s, "!") == w || strings.HasPrefix(s, w) && intent.RuneLen(s)-intent.RuneLen(w) <= 2 {
				return kind
			}
		}
	}
	return ""
}

// smallTalkReply answers small talk, naming some of the library's headlines as a hint.
func smallTalkReply(kind string, arts []corpus.Article) string {
	if reply, ok := smallTalkReplies[kind]; ok {
		return reply
	}
	msg := greetingReply
	if len(arts) > 0 {
		var names []string
		for i, a := range arts {
			if i == 3 {
				break
			}
			names = append(names, "《"+a.Headline()+"》")
		}
		msg += fmt.Sprintf(greetingHeadlines, strings.Join(names, "、"))
	}
	return msg
}

// overviewCues ask what the edition holds ("本期有哪些新闻？").
var overviewNouns = lexicon.Words("overviewNouns")

// The words isOverviewQuestion looks for (lexicon section [isOverviewQuestion]).
var isOverviewQuestionWords = lexicon.Words("isOverviewQuestion")

// isOverviewQuestion reports a question about the edition's contents with nothing more specific.
func isOverviewQuestion(q intent.Intent) bool {
	if q.Type != intent.List && q.Type != intent.What && q.Type != intent.Other {
		return false
	}
	s := core.DateRe.ReplaceAllString(q.Norm, " ")
	hasNoun := false
	for _, n := range overviewNouns {
		if strings.Contains(s, n) {
			hasNoun = true
			s = strings.ReplaceAll(s, n, "")
		}
	}
	if !hasNoun {
		return false
	}
	for _, w := range isOverviewQuestionWords {
		s = strings.ReplaceAll(s, w, "")
	}
	return len(intent.RunsOf(s, q.QWord)) == 0
}

// maxOverview bounds the articles an overview lists.
const maxOverview = 8

// overviewAnswer lists the library's articles by headline, each cited with its lead sentence.
func overviewAnswer(arts []corpus.Article) Answer {
	return scopedOverview(overviewText.ThisEdition, arts)
}

// scopedOverview is overviewAnswer saying which edition it lists (本期, or a date and paper).
func scopedOverview(scope string, arts []corpus.Article) Answer {
	ans, list := citeArticles(arts)
	if list == "" {
		ans.Found = false
		ans.Answer = emptyLibrary
		return ans
	}
	more := ""
	if len(arts) > len(ans.Citations) {
		more = fmt.Sprintf(overviewText.OverviewMore, len(arts))
	}
	ans.Answer = fmt.Sprintf(overviewText.Overview, scope, list, more)
	return ans
}
