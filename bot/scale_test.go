package bot

import (
	"context"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// TestScaleWithNewsDistractors answers the eval sets over the built-in edition mixed with
// thousands of real news items (../shared/corpora/xwlb) and reports accuracy and Ask latency.
// Long: NEWSBOT_LONG=1; NEWSBOT_SCALE_N sets how many news items (default 5000).
func TestScaleWithNewsDistractors(t *testing.T) {
	if testing.Short() || os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("scale test: set NEWSBOT_LONG=1 (and no -short)")
	}
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("NEWSBOT_SCALE_N")); err == nil && v > 0 {
		n = v
	}
	news := xwlbArticles(t)
	if len(news) == 0 {
		t.Skip("xwlb corpus not available")
	}
	ed, err := corpus.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	arts := append(append([]corpus.Article(nil), ed.Articles...), news[:min(n, len(news))]...)
	start := time.Now()
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index of %d articles built in %v", len(arts), time.Since(start))
	e := NewEngine(ix, Options{})
	rep, err := Evaluate(context.Background(), e, evalCases(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep)
	var ds []time.Duration
	for _, c := range evalCases(t) {
		s := time.Now()
		if _, err := e.Ask(context.Background(), "", c.Q); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, time.Since(s))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	t.Logf("Ask latency over %d articles: p50 %v, p90 %v, max %v", len(arts), ds[len(ds)/2], ds[len(ds)*9/10], ds[len(ds)-1])
}
