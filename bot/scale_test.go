package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpora", "xwlb", "*.jsonl"))
	if len(files) == 0 {
		t.Skip("xwlb corpus not available")
	}
	ed, err := corpus.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	arts := append([]corpus.Article(nil), ed.Articles...)
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() && len(arts) < n+len(ed.Articles) {
			var rec struct{ ID, Date, Title, Text string }
			if json.Unmarshal(sc.Bytes(), &rec) != nil || rec.Text == "" {
				continue
			}
			arts = append(arts, corpus.Article{ID: "xwlb-" + rec.ID, Paper: "新闻联播", Date: rec.Date, Kind: corpus.KindNews,
				Title: rec.Title, Text: rec.Text})
		}
		fh.Close()
	}
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
