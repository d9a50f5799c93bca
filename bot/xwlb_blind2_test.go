package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"newsbot/bot/internal/extract"
	"newsbot/corpus"
	"newsbot/retrieval"
)

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

// TestXwlbProbe answers the questions of NEWSBOT_PROBE (separated by "|") over the built-in
// edition plus all xwlb and prints each answer with its explanation: the debugging tool for the
// tuning half (NEWSBOT_XWLB_INDEX keeps the index between runs).
func TestXwlbProbe(t *testing.T) {
	qs := os.Getenv("NEWSBOT_PROBE")
	if qs == "" {
		t.Skip("set NEWSBOT_PROBE=question|question… to probe the xwlb library")
	}
	e := xwlbEngine(t, Options{})
	for _, q := range strings.Split(qs, "|") {
		ans, err := e.Ask(WithExplain(context.Background()), "", q)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("Q %s\nA %s (found %v)\n", q, ans.Answer, ans.Found)
		for _, c := range ans.Citations {
			fmt.Printf("  [%d] %s %s %s\n", c.N, c.ArticleID, c.Title, c.Edition)
		}
		if x := ans.Explain; x != nil {
			fmt.Printf("  type %s check %q reason %q evidence %.3f\n", x.Type, x.Check, x.Reason, x.Evidence)
			for _, s := range x.Sentences {
				fmt.Printf("  %.2f %s %s\n", s.Score, s.ArticleID, s.Text)
			}
		}
	}
}

// TestXwlbRanks prints, for each answerable case of NEWSBOT_RANKS (an eval set under
// testdata/xwlb) whose article is not retrieved first, the top retrieved articles with their dates.
func TestXwlbRanks(t *testing.T) {
	name := os.Getenv("NEWSBOT_RANKS")
	if name == "" {
		t.Skip("set NEWSBOT_RANKS=blind-tune to list the retrieval misses")
	}
	e := xwlbEngine(t, Options{})
	cases, err := retrieval.LoadEvalSet(filepath.Join("..", "testdata", "xwlb", name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ix := e.src.Load().s.(*retrieval.Index)
	for _, c := range cases {
		if !c.Answerable() {
			continue
		}
		rs, err := ix.Search(context.Background(), c.SearchQuery(), retrieval.SearchOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 0 && c.Matches(rs[0].Article) {
			continue
		}
		fmt.Printf("MISS %s (want %s)\n", c.Q, c.Article)
		for _, r := range rs {
			mark := " "
			if c.Matches(r.Article) {
				mark = "*"
			}
			fmt.Printf("  %s %.3f %s %s\n", mark, r.Score, r.Article.Date, r.Article.Headline())
		}
	}
}

// BenchmarkAskXwlb measures extractive answering over the built-in edition plus all xwlb: the
// tuning half's questions, retrieval given (extract) and the whole Ask (ask). It reads the whole
// corpus (NEWSBOT_LONG=1; NEWSBOT_XWLB_INDEX keeps the index) and skips without it.
func BenchmarkAskXwlb(b *testing.B) {
	if os.Getenv("NEWSBOT_LONG") == "" {
		b.Skip("set NEWSBOT_LONG=1: it reads all of xwlb")
	}
	e := xwlbEngine(b, Options{})
	cases, err := retrieval.LoadEvalSet(filepath.Join("..", "testdata", "xwlb", "blind-tune.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	src := e.src.Load()
	results := make([][]retrieval.Result, len(cases))
	for i, c := range cases {
		if results[i], err = src.s.Search(ctx, c.Q, retrieval.SearchOptions{Limit: searchLimit}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("extract", func(b *testing.B) {
		ds := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			k := i % len(cases)
			start := time.Now()
			extract.Extract(resolve(analyze(cases[k].Q), nil), extract.PrepareCandidates(results[k], extract.CandidateArticles))
			ds = append(ds, time.Since(start))
		}
		reportPercentiles(b, ds)
	})
	b.Run("ask", func(b *testing.B) {
		ds := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := e.Ask(ctx, "", cases[i%len(cases)].Q); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		reportPercentiles(b, ds)
	})
}
