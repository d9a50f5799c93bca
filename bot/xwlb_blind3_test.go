package bot

import (
	"fmt"
	"os"
	"testing"
	"unicode/utf8"

	"newsbot/corpus"
)

// xwlbBlind3Seed draws the items of the third blind real-news set (testdata/xwlb/blind3.jsonl),
// none of them among the items of the first two draws, so its questions are about items nobody
// had read while tuning on the earlier sets.
const xwlbBlind3Seed = 20261209

// blind3Plain and blind3Roundups are how many ordinary items and round-ups the third draw takes.
const blind3Plain, blind3Roundups = 16, 4

// drawXwlb3 draws the third set's items by xwlbBlind3Seed with drawXwlb's rule (ordinary items
// of 300 to 2500 characters, round-ups of at most 4000), leaving out every item of the first and
// second draws; the items come back in draw order, the ordinary ones first. The whole set is one
// held-out set.
func drawXwlb3(arts []corpus.Article) []corpus.Article {
	seen := map[string]bool{}
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	for _, a := range append(append(tune, held...), drawXwlb2(arts, 11, 3)...) {
		seen[a.ID] = true
	}
	var rest []corpus.Article
	for _, a := range arts {
		if !seen[a.ID] {
			rest = append(rest, a)
		}
	}
	t3, h3 := drawXwlb(rest, xwlbBlind3Seed, blind3Plain, blind3Roundups)
	// drawXwlb alternates its draw between two halves; take it back in draw order.
	var out []corpus.Article
	for i := 0; i < len(t3)+len(h3); i++ {
		if i%2 == 0 {
			out = append(out, t3[i/2])
		} else {
			out = append(out, h3[i/2])
		}
	}
	return out
}

// TestXwlbBlind3Draw prints the items drawn for the third blind set (id, date, title, length).
// Set NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlind3Draw(t *testing.T) {
	if os.Getenv("NEWSBOT_DRAW") == "" {
		t.Skip("set NEWSBOT_DRAW=1 to print the third blind draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	for _, a := range drawXwlb3(arts) {
		fmt.Printf("%s\t%s\t%s\t%d\n", a.ID, a.Date, a.Title, utf8.RuneCountInString(a.Text))
	}
}
