package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"slices"
	"strings"
	"unicode/utf8"

	"newsbot/bot/internal/core"
	"newsbot/corpus"
	"newsbot/lexicon"
)

// Questions about the edition itself rather than what its articles say: how many articles it
// has, which articles a reporter wrote, which photos someone took. They are answered from the
// articles' metadata (headline, byline), citing each article named with its lead sentence.

// photoMarks in a byline credit a photo (lexicon [photoMarks]).
var photoMarks = lexicon.Words("photoMarks")

// creditRoles are the words of a byline that are not names.
var creditRoles = lexicon.Words("creditRoles")

// bylineNames splits a byline ("记者 朱梦琪 通讯员 李明", "徐芊卉 摄") into the names it credits;
// photo reports a photo credit (摄).
func bylineNames(byline string) (names []string, photo bool) {
	s := intent.Fold(byline)
	photo = core.ContainsAnyOf(s, photoMarks)
	for _, r := range creditRoles {
		s = strings.ReplaceAll(s, r, " ")
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !intent.IsHan(r) }) {
		if n := utf8.RuneCountInString(f); n >= 2 && n <= 4 {
			names = append(names, f)
		}
	}
	return names, photo
}

// editionNouns name the edition's items; photoNouns its pictures.
var (
	editionNouns = lexicon.Words("editionNouns")
	photoNouns   = lexicon.Words("photoNouns")
	// creditVerbs tell what a reporter did to an item.
	creditVerbs = lexicon.Words("creditVerbs")
	// editionWords only point at the edition.
	editionWords = lexicon.Words("editionWords") // 这张照片, 那篇报道: demonstratives point at the edition's items
)

// The word lists editionQuestion looks for (lexicon sections [editionQuestion], [editionQuestion.2]…).
var (
	editionQuestionWords  = lexicon.Words("editionQuestion")
	editionQuestionWords2 = lexicon.Words("editionQuestion.2")
	// photoVerbs ask about photos without naming them (谁拍的).
	photoVerbs = lexicon.Words("photoVerbs")
)

// editionItem is what an edition question credits or counts (lexicon [editionItems]): the noun
// of a credit, its verb, the counter of a credit count and the unit of a count of items.
type editionItem struct{ noun, verb, counter, unit string }

// articleItem and photoItem are the edition's articles and its photos.
var articleItem, photoItem = editionItemOf("article"), editionItemOf("photo")

func editionItemOf(kind string) editionItem {
	v := lexicon.Map("editionItems")[kind]
	return editionItem{noun: v[0], verb: v[1], counter: v[2], unit: v[3]}
}

// editionText holds the replies to edition questions, one field a key of lexicon [editionReplies]
// (see there for what fills each), filled when the package loads.
var editionText = func() (t struct {
	Credited, CreditedCount, NoArticles, NoPhotos, Kinds, Count, CountSome          string
	ThisEdition, Library, PhotoCredit, Photos, Reporters, ReporterArticles, NoTopic string
	TopicCount, Undated, PerEdition, PerEditions                                    string
}) {
	lexicon.Fill("editionReplies", &t)
	return t
}()

// editionQuestion answers a question about the edition itself; ok false when q is not one.
func editionQuestion(q intent.Intent, arts []corpus.Article) (Answer, bool) {
	if len(arts) == 0 {
		return Answer{}, false
	}
	name := creditedName(q.Norm, arts)
	photo := core.ContainsAnyOf(q.Norm, photoNouns) || core.ContainsAnyOf(q.Norm, photoVerbs)
	if !core.ContainsAnyOf(q.Norm, editionNouns) && !core.ContainsAnyOf(q.Norm, editionQuestionWords) && !photo && name == "" {
		return Answer{}, false
	}
	// Nothing may be left but the name, the nouns and verbs of crediting and pointers at the
	// edition: "朱梦琪写了哪篇报道" is about the edition, "朱梦琪报道了哪些合作" is not.
	rest := core.DateRe.ReplaceAllString(q.Norm, " ")
	if q.QWord != "" {
		rest = strings.Replace(rest, q.QWord, " ", 1)
	}
	if name != "" {
		rest = strings.ReplaceAll(rest, name, " ")
	}
	for _, group := range [][]string{photoNouns, editionNouns, creditVerbs, editionWords} {
		for _, w := range group {
			rest = strings.ReplaceAll(rest, w, " ")
		}
	}
	counting := q.Type == intent.Number
	if strings.IndexFunc(rest, intent.IsHan) >= 0 || strings.ContainsAny(rest, "0123456789") {
		// "本期有几篇关于消防的报道": a count of the articles about a topic.
		if counting && name == "" && !photo && countsArticles(q) {
			return topicCountAnswer(rest, arts)
		}
		return Answer{}, false
	}
	switch {
	case name != "":
		return creditedAnswer(name, arts, photo, counting), true
	case counting && photo:
		return countAnswer(filterArticles(arts, func(a corpus.Article) bool { return a.Kind == corpus.KindPhoto }), photoItem.unit, editionText.NoPhotos), true
	case counting:
		return countAnswer(arts, articleItem.unit, editionText.NoArticles), true
	case photo && (q.Type == intent.Person || q.Type == intent.List):
		return photoCreditsAnswer(arts), true
	case core.ContainsAnyOf(q.Norm, editionQuestionWords2) && (q.Type == intent.Person || q.Type == intent.List):
		return reportersAnswer(arts), true
	}
	return Answer{}, false
}

// creditedName is a name some article's byline credits that the question holds, "" when none.
func creditedName(norm string, arts []corpus.Article) string {
	best := ""
	for _, a := range arts {
		names, _ := bylineNames(a.Byline)
		for _, n := range names {
			if strings.Contains(norm, n) && intent.RuneLen(n) > intent.RuneLen(best) {
				best = n
			}
		}
	}
	return best
}

func filterArticles(arts []corpus.Article, keep func(corpus.Article) bool) []corpus.Article {
	var out []corpus.Article
	for _, a := range arts {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// creditedAnswer names (or counts) the articles whose byline credits name; photo asks for the
// pictures name took.
func creditedAnswer(name string, arts []corpus.Article, photo, counting bool) Answer {
	mine := filterArticles(arts, func(a corpus.Article) bool {
		names, isPhoto := bylineNames(a.Byline)
		return slices.Contains(names, name) && (!photo || isPhoto)
	})
	item := articleItem
	if photo {
		item = photoItem
	}
	if len(mine) == 0 {
		return Answer{Answer: refusalReply, Citations: []Citation{}}
	}
	ans, list := citeArticles(mine)
	if counting {
		ans.Answer = fmt.Sprintf(editionText.CreditedCount, name, item.verb, item.noun, len(mine), item.counter, list)
		return ans
	}
	ans.Answer = fmt.Sprintf(editionText.Credited, name, item.verb, item.noun, list)
	return ans
}

// countAnswer counts the edition's items (unit "篇稿件", "张照片") and names them; none is the
// reply when there are none.
func countAnswer(arts []corpus.Article, unit, none string) Answer {
	if len(arts) == 0 {
		return Answer{Answer: none, Citations: []Citation{}, Found: true}
	}
	ans, list := citeArticles(arts)
	kinds := ""
	if photos := len(filterArticles(arts, func(a corpus.Article) bool { return a.Kind == corpus.KindPhoto })); photos > 0 && photos < len(arts) {
		// A picture item is counted but told apart: readers may not call it an article.
		kinds = fmt.Sprintf(editionText.Kinds, len(arts)-photos, photos)
	}
	scope := editionText.ThisEdition
	if per := perEdition(arts); per != "" {
		scope = editionText.Library // several editions and no date named: each is counted
		kinds += "，" + per
	}
	ans.Answer = fmt.Sprintf(editionText.Count, scope, len(arts), unit, kinds, list)
	if len(arts) > len(ans.Citations) {
		ans.Answer = fmt.Sprintf(editionText.CountSome, scope, len(arts), unit, kinds, list)
	}
	return ans
}

// photoCreditsAnswer names who took the edition's photos.
func photoCreditsAnswer(arts []corpus.Article) Answer {
	var credited []corpus.Article
	for _, a := range arts {
		if _, photo := bylineNames(a.Byline); photo {
			credited = append(credited, a)
		}
	}
	if len(credited) == 0 {
		return Answer{Answer: refusalReply, Citations: []Citation{}}
	}
	ans, _ := citeArticles(credited)
	var parts []string
	for i, c := range ans.Citations {
		names, _ := bylineNames(credited[i].Byline)
		parts = append(parts, fmt.Sprintf(editionText.PhotoCredit, c.Title, strings.Join(names, "、"), c.N))
	}
	ans.Answer = fmt.Sprintf(editionText.Photos, strings.Join(parts, "；"))
	return ans
}

// citeArticles cites up to maxOverview of arts with their lead sentences and lists them as
// "《headline》[n]".
func citeArticles(arts []corpus.Article) (Answer, string) {
	ans := Answer{Citations: []Citation{}, Found: true}
	var names []string
	for _, a := range arts {
		if len(ans.Citations) == maxOverview {
			break
		}
		sents := core.SplitSentences(a.Text)
		if len(sents) == 0 {
			continue
		}
		n := len(ans.Citations) + 1
		ans.Citations = append(ans.Citations, citationFor(n, a, a.Text[sents[0].Start:sents[0].End]))
		names = append(names, fmt.Sprintf("《%s》[%d]", a.Headline(), n))
	}
	return ans, strings.Join(names, "、")
}

// reportersAnswer names the reporters the edition's bylines credit, each with their articles.
func reportersAnswer(arts []corpus.Article) Answer {
	credited := filterArticles(arts, func(a corpus.Article) bool {
		names, photo := bylineNames(a.Byline)
		return len(names) > 0 && !photo
	})
	if len(credited) == 0 {
		return Answer{Answer: refusalReply, Citations: []Citation{}}
	}
	ans, _ := citeArticles(credited)
	var order []string
	cited := map[string][]string{}
	for i, c := range ans.Citations {
		names, _ := bylineNames(credited[i].Byline)
		for _, n := range names {
			if cited[n] == nil {
				order = append(order, n)
			}
			cited[n] = append(cited[n], fmt.Sprintf("《%s》[%d]", c.Title, c.N))
		}
	}
	var parts []string
	for _, n := range order {
		parts = append(parts, fmt.Sprintf(editionText.ReporterArticles, n, strings.Join(cited[n], "、")))
	}
	ans.Answer = fmt.Sprintf(editionText.Reporters, strings.Join(parts, "、"))
	return ans
}

// topicWords introduce what an article is about.
var topicWords = lexicon.Words("topicWords")

// countsArticles reports 几篇/多少篇: a count of articles.
func countsArticles(q intent.Intent) bool {
	after := q.After
	return strings.HasPrefix(after, articleItem.counter)
}

// topicCountAnswer counts the articles whose headline or text holds every run of rest.
func topicCountAnswer(rest string, arts []corpus.Article) (Answer, bool) {
	for _, w := range topicWords {
		rest = strings.ReplaceAll(rest, w, " ")
	}
	runs := intent.ContentRuns(rest)
	if len(runs) == 0 {
		return Answer{}, false
	}
	about := filterArticles(arts, func(a corpus.Article) bool {
		text := core.AsciiLower(intent.Fold(a.Headline() + " " + a.Text))
		for _, r := range runs {
			if !strings.Contains(text, r) {
				return false
			}
		}
		return true
	})
	topic := strings.Join(runs, "、")
	if len(about) == 0 {
		return Answer{Answer: fmt.Sprintf(editionText.NoTopic, topic), Citations: []Citation{}}, true
	}
	ans, list := citeArticles(about)
	ans.Answer = fmt.Sprintf(editionText.TopicCount, len(about), topic, list)
	return ans, true
}

// perEdition tells how many of arts each edition (paper and date) holds, "" when they are all of
// one edition.
func perEdition(arts []corpus.Article) string {
	var order []string
	count := map[string]int{}
	for _, a := range arts {
		key := strings.TrimSpace(a.Paper + " " + a.Date)
		if key == "" {
			key = editionText.Undated
		}
		if count[key] == 0 {
			order = append(order, key)
		}
		count[key]++
	}
	if len(order) < 2 {
		return ""
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf(editionText.PerEdition, k, count[k]))
	}
	return fmt.Sprintf(editionText.PerEditions, strings.Join(parts, "、"))
}
