package bot

import (
	"fmt"
	"os"
	"testing"
	"unicode/utf8"

	"newsbot/corpus"
)

// xwlbBlind2Seed draws the items of the second blind real-news set (testdata/xwlb/blind2.jsonl),
// none of them among the items of the first draw (xwlbBlindSeed), so its questions are about
// items nobody had read while tuning on the first sets.
const xwlbBlind2Seed = 20261208

// drawXwlb2 draws the second set's items: n ordinary items and r round-ups by xwlbBlind2Seed,
// leaving out every item of the first draw. The whole set is one held-out set (no halves).
func drawXwlb2(arts []corpus.Article, n, r int) []corpus.Article {
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	seen := map[string]bool{}
	for _, a := range append(tune, held...) {
		seen[a.ID] = true
	}
	var rest []corpus.Article
	for _, a := range arts {
		if !seen[a.ID] {
			rest = append(rest, a)
		}
	}
	t2, h2 := drawXwlb(rest, xwlbBlind2Seed, n, r)
	// drawXwlb alternates its draw between two halves; take it back in draw order.
	var out []corpus.Article
	for i := 0; i < len(t2)+len(h2); i++ {
		if i%2 == 0 {
			out = append(out, t2[i/2])
		} else {
			out = append(out, h2[i/2])
		}
	}
	return out
}

// TestXwlbBlind2Draw prints the items drawn for the second blind set. Set NEWSBOT_DRAW=1 to run
// it (it reads the whole corpus).
func TestXwlbBlind2Draw(t *testing.T) {
	if os.Getenv("NEWSBOT_DRAW") == "" {
		t.Skip("set NEWSBOT_DRAW=1 to print the second blind draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	for _, a := range drawXwlb2(arts, 11, 3) {
		fmt.Printf("%s\t%s\t%d\n", a.ID, a.Title, utf8.RuneCountInString(a.Text))
	}
}
