package bot

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"regexp"
	"strconv"
	"strings"

	"newsbot/corpus"
)

// markerRe matches citation markers [n] (ASCII or full-width brackets).
var markerRe = regexp.MustCompile(`[\[［]([0-9０-９]+)[\]］]`)

// markers returns the citation numbers referred to in text, in order, with repeats.
func markers(text string) []int {
	var ns []int
	for _, m := range markerRe.FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(intent.Fold(m[1])); err == nil {
			ns = append(ns, n)
		}
	}
	return ns
}

// QuoteInArticle reports whether quote is an exact substring of the article's text after
// full-width/half-width folding, the only tolerance the answer contract allows.
func QuoteInArticle(quote string, a corpus.Article) bool {
	return quote != "" && strings.Contains(intent.Fold(a.Text), intent.Fold(quote))
}

// VerifyAnswer checks an answer's citations against the library: every [n] in the answer text
// names a citation, citation numbers are 1..k in order, every citation's article exists and its
// quote is in that article, and headline and edition match the article. It returns the first
// problem found.
func VerifyAnswer(a Answer, article func(id string) (corpus.Article, bool)) error {
	byN := map[int]bool{}
	for i, c := range a.Citations {
		if c.N != i+1 {
			return fmt.Errorf("citation %d: numbered %d", i+1, c.N)
		}
		byN[c.N] = true
		art, ok := article(c.ArticleID)
		if !ok {
			return fmt.Errorf("citation %d: unknown article %q", c.N, c.ArticleID)
		}
		if !QuoteInArticle(c.Quote, art) {
			return fmt.Errorf("citation %d: quote %q is not in article %q", c.N, c.Quote, c.ArticleID)
		}
		if c.Title != art.Headline() || c.Byline != art.Byline || c.Edition != art.EditionLabel() {
			return fmt.Errorf("citation %d: headline, byline or edition differ from article %q", c.N, c.ArticleID)
		}
	}
	for _, n := range markers(a.Answer) {
		if !byN[n] {
			return fmt.Errorf("answer cites [%d], which is not among %d citations", n, len(a.Citations))
		}
	}
	if a.Found && len(a.Citations) == 0 {
		return fmt.Errorf("answer found without citations")
	}
	return nil
}
