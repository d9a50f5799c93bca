package bot

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"newsbot/corpus"
)

// xwlbArticles reads every non-empty item of ../shared/corpora/xwlb as an article of the paper
// 新闻联播 (the item's own id, date and title), or nil when the corpus is absent.
func xwlbArticles(t testing.TB) []corpus.Article {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpora", "xwlb", "*.jsonl"))
	var arts []corpus.Article
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var rec struct{ ID, Date, Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if strings.TrimSpace(rec.Text) == "" {
				continue
			}
			arts = append(arts, corpus.Article{ID: rec.ID, Paper: "新闻联播", Date: rec.Date, Kind: corpus.KindNews,
				Title: rec.Title, Text: rec.Text})
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	return arts
}

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

// TestXwlbBlindDraw prints the items drawn for the blind sets, with their half. Set
// NEWSBOT_DRAW=1 to run it (it reads the whole corpus).
func TestXwlbBlindDraw(t *testing.T) {
	if os.Getenv("NEWSBOT_DRAW") == "" {
		t.Skip("set NEWSBOT_DRAW=1 to print the blind draw")
	}
	arts := xwlbArticles(t)
	if len(arts) == 0 {
		t.Skip("xwlb corpus not available")
	}
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
