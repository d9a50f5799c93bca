package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"newsbot/bot/internal/intent"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/corpus"
	"newsbot/retrieval"
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

// xwlbAsked is when the blind sets' questions are asked: their relative dates (去年, 上个月) are
// of that day, whenever the tests run.
var xwlbAsked = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// xwlbEngine answers over the built-in edition plus every non-empty xwlb item, the library of
// the blind real-news sets; it skips when the corpus is absent.
func xwlbEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return xwlbAsked }
	}
	news := xwlbArticles(t)
	if len(news) == 0 {
		t.Skip("xwlb corpus not available (../shared/corpora/xwlb)")
	}
	ed, err := corpus.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	arts := append(append([]corpus.Article(nil), ed.Articles...), news...)
	// NEWSBOT_XWLB_INDEX=FILE keeps the index between runs while iterating (built and saved there
	// when absent); the index is the same either way.
	cache := os.Getenv("NEWSBOT_XWLB_INDEX")
	if cache != "" {
		if ix, err := retrieval.Open(context.Background(), cache, retrieval.Config{}); err == nil {
			return NewEngine(ix, opts)
		}
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if cache != "" {
		if err := ix.Save(cache); err != nil {
			t.Fatalf("saving the xwlb index to %s: %v", cache, err)
		}
	}
	return NewEngine(ix, opts)
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
		fmt.Printf("MISS %s (want %s) must %q\n", c.Q, c.Article, c.Must)
		for _, r := range rs {
			mark := " "
			if c.Matches(r.Article) {
				mark = "*"
			} else if missingMust(r.Article.Title+r.Article.Text, c.Must) == "" {
				mark = "+" // another article that holds the answer
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
			extract.Extract(resolve(intent.Analyze(cases[k].Q), nil), core.PrepareCandidates(results[k], core.CandidateArticles))
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
