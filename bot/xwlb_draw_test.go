package bot

// The draws of the blind real-news sets' items from the xwlb archive (testdata/xwlb): each set's
// items by a fixed seed, none drawn twice, so a draw can be repeated and checked.

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"newsbot/corpus"
	"newsbot/retrieval"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// xwlbBlindSeed draws the items of the blind real-news sets (testdata/xwlb): fixed, so the draw
// can be repeated and checked.
const xwlbBlindSeed = 20261207

// isRoundup reports whether an xwlb item bundles several unrelated briefs.
func isRoundup(a corpus.Article) bool {
	return strings.Contains(a.Title, "快讯") || strings.Contains(a.Title, "简讯")
}

// drawXwlb picks n ordinary items (300 to 2500 characters, a length a reader reads through) and
// r round-ups by seed, and assigns them alternately to the tuning half and the held-out half.
func drawXwlb(arts []corpus.Article, seed uint64, n, r int) (tune, held []corpus.Article) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var plain, round []corpus.Article
	for _, a := range arts {
		l := utf8.RuneCountInString(a.Text)
		switch {
		case isRoundup(a) && l <= 4000:
			round = append(round, a)
		case !isRoundup(a) && l >= 300 && l <= 2500:
			plain = append(plain, a)
		}
	}
	pick := func(pool []corpus.Article, k int) []corpus.Article {
		rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		return pool[:min(k, len(pool))]
	}
	drawn := append(pick(plain, n), pick(round, r)...)
	for i, a := range drawn {
		if i%2 == 0 {
			tune = append(tune, a)
		} else {
			held = append(held, a)
		}
	}
	return tune, held
}

// drawSource is the xwlb archive for a test that prints a draw: skipped unless NEWSBOT_DRAW is set
// (it reads the whole corpus), or when the corpus is not there.
func drawSource(t *testing.T) []corpus.Article {
	t.Helper()
	if os.Getenv("NEWSBOT_DRAW") == "" {
		t.Skip("set NEWSBOT_DRAW=1 to print the draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	return arts
}

// TestXwlbBlindDraw prints the items drawn for the blind sets, with their half. Set
// NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlindDraw(t *testing.T) {
	arts := drawSource(t)
	tune, held := drawXwlb(arts, xwlbBlindSeed, 32, 8)
	for _, half := range []struct {
		name string
		as   []corpus.Article
	}{{"tune", tune}, {"heldout", held}} {
		for _, a := range half.as {
			fmt.Printf("%s\t%s\t%s\t%d\n", half.name, a.ID, a.Title, utf8.RuneCountInString(a.Text))
		}
	}
}

// xwlbBlind2Seed draws the items of the second blind real-news set (testdata/xwlb/blind2.jsonl),
// none of them among the items of the first draw (xwlbBlindSeed), so its questions are about
// items nobody had read while tuning on the first sets.
const xwlbBlind2Seed = 20261208

// drawXwlb2 draws the second set's items: n ordinary items and r round-ups by xwlbBlind2Seed,
// leaving out every item of the first draw. The whole set is one held-out set (no halves).
func drawXwlb2(arts []corpus.Article, n, r int) []corpus.Article {
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	return drawAfter(arts, append(tune, held...), xwlbBlind2Seed, n, r)
}

// drawAfter draws n ordinary items and r round-ups by seed (drawXwlb's rule) from the items of
// arts not in drawn, so a later set holds no item of an earlier one; the items come back in draw
// order.
func drawAfter(arts, drawn []corpus.Article, seed uint64, n, r int) []corpus.Article {
	seen := map[string]bool{}
	for _, a := range drawn {
		seen[a.ID] = true
	}
	var rest []corpus.Article
	for _, a := range arts {
		if !seen[a.ID] {
			rest = append(rest, a)
		}
	}
	t, h := drawXwlb(rest, seed, n, r)
	// drawXwlb alternates its draw between two halves; take it back in draw order.
	var out []corpus.Article
	for i := 0; i < len(t)+len(h); i++ {
		if i%2 == 0 {
			out = append(out, t[i/2])
		} else {
			out = append(out, h[i/2])
		}
	}
	return out
}

// TestXwlbBlind2Draw prints the items drawn for the second blind set. Set NEWSBOT_DRAW=1 to run
// it (it reads the whole corpus).
func TestXwlbBlind2Draw(t *testing.T) {
	arts := drawSource(t)
	for _, a := range drawXwlb2(arts, 11, 3) {
		fmt.Printf("%s\t%s\t%d\n", a.ID, a.Title, utf8.RuneCountInString(a.Text))
	}
}

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
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	drawn := append(append(tune, held...), drawXwlb2(arts, 11, 3)...)
	return drawAfter(arts, drawn, xwlbBlind3Seed, blind3Plain, blind3Roundups)
}

// TestXwlbBlind3Draw prints the items drawn for the third blind set (id, date, title, length).
// Set NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlind3Draw(t *testing.T) {
	printDraw(drawXwlb3(drawSource(t)))
}

// TestXwlbBlind3Set checks blind3.jsonl against its draw (checkXwlbSet). Long (it reads the whole
// corpus).
func TestXwlbBlind3Set(t *testing.T) {
	checkXwlbSet(t, "blind3", drawXwlb3)
}

// checkXwlbSet checks testdata/xwlb/NAME.jsonl against its draw: every question is about a drawn
// item (its article, or for an unanswerable one the item it is about), every drawn item is asked
// about, and every answer string is in its article's text. Skipped unless NEWSBOT_LONG is set, or
// when the corpus is not there.
func checkXwlbSet(t *testing.T, name string, draw func([]corpus.Article) []corpus.Article) {
	t.Helper()
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skipf("set NEWSBOT_LONG=1 to check %s against its draw", name)
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
	drawn := map[string]corpus.Article{}
	for _, a := range draw(arts) {
		drawn[a.ID] = a
	}
	f, err := os.ReadFile(filepath.Join("..", "testdata", "xwlb", name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	asked := map[string]int{}
	for i, line := range strings.Split(strings.TrimSpace(string(f)), "\n") {
		var c struct {
			Q, Article, About, Kind string
			Must                    []string
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("%s.jsonl:%d: %v", name, i+1, err)
		}
		id := c.Article + c.About // one of the two is empty
		a, ok := drawn[id]
		if !ok {
			t.Errorf("%s.jsonl:%d: %s is not a drawn item", name, i+1, id)
			continue
		}
		asked[id]++
		text := retrieval.FoldText(a.Title + "\n" + a.Text)
		for _, m := range c.Must {
			if !slices.ContainsFunc(strings.Split(m, "|"), func(alt string) bool {
				return strings.Contains(text, retrieval.FoldText(alt))
			}) {
				t.Errorf("%s.jsonl:%d: %q is not in %s", name, i+1, m, id)
			}
		}
	}
	for id := range drawn {
		if asked[id] == 0 {
			t.Errorf("drawn item %s has no question in %s", id, name)
		}
	}
}

// xwlbBlind4Seed draws the items of the fourth blind real-news set (testdata/xwlb/blind4.jsonl),
// none of them among the items of the first three draws, so its questions are about items nobody
// had read while tuning on the earlier sets.
const xwlbBlind4Seed = 20261210

// blind4Plain and blind4Roundups are how many ordinary items and round-ups the fourth draw takes.
const blind4Plain, blind4Roundups = 16, 4

// drawXwlb4 draws the fourth set's items by xwlbBlind4Seed with drawXwlb's rule, leaving out every
// item of the first three draws; the items come back in draw order, the ordinary ones first. The
// whole set is one held-out set.
func drawXwlb4(arts []corpus.Article) []corpus.Article {
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	drawn := append(append(tune, held...), drawXwlb2(arts, 11, 3)...)
	drawn = append(drawn, drawXwlb3(arts)...)
	return drawAfter(arts, drawn, xwlbBlind4Seed, blind4Plain, blind4Roundups)
}

// TestXwlbBlind4Draw prints the items drawn for the fourth blind set (id, date, title, length).
// Set NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlind4Draw(t *testing.T) {
	printDraw(drawXwlb4(drawSource(t)))
}

// TestXwlbBlind4Set checks blind4.jsonl against its draw (checkXwlbSet). Long (it reads the whole
// corpus).
func TestXwlbBlind4Set(t *testing.T) {
	checkXwlbSet(t, "blind4", drawXwlb4)
}

// printDraw prints drawn items a line each (id, date, title, length), for the draw tests.
func printDraw(arts []corpus.Article) {
	for _, a := range arts {
		fmt.Printf("%s\t%s\t%s\t%d\n", a.ID, a.Date, a.Title, utf8.RuneCountInString(a.Text))
	}
}

// xwlbTune5Seed draws the items of the fifth real-news set (testdata/xwlb/tune5.jsonl), none of
// them among the items of the first four draws. Unlike the blind sets it is a tuning set, written
// for the dated questions (a day, a month, 今年/去年) whose failures blind-tune had too few of.
const xwlbTune5Seed = 20261211

// tune5Plain and tune5Roundups are how many ordinary items and round-ups the fifth draw takes.
const tune5Plain, tune5Roundups = 12, 2

// drawXwlb5 draws the fifth set's items by xwlbTune5Seed with drawXwlb's rule, leaving out every
// item of the first four draws; the items come back in draw order, the ordinary ones first.
func drawXwlb5(arts []corpus.Article) []corpus.Article {
	tune, held := drawXwlb(append([]corpus.Article(nil), arts...), xwlbBlindSeed, 32, 8)
	drawn := append(append(tune, held...), drawXwlb2(arts, 11, 3)...)
	drawn = append(append(drawn, drawXwlb3(arts)...), drawXwlb4(arts)...)
	return drawAfter(arts, drawn, xwlbTune5Seed, tune5Plain, tune5Roundups)
}

// TestXwlbTune5Draw prints the items drawn for the fifth set (id, date, title, length). Set
// NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbTune5Draw(t *testing.T) {
	printDraw(drawXwlb5(drawSource(t)))
}

// TestXwlbTune5Set checks tune5.jsonl against its draw (checkXwlbSet). Long (it reads the whole
// corpus).
func TestXwlbTune5Set(t *testing.T) {
	checkXwlbSet(t, "tune5", drawXwlb5)
}
