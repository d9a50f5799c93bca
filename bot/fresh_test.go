package bot

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// freshIndex indexes the editions of testdata/fresh (written for these tests, unseen by the
// answerer's earlier tuning), built once per test run.
var freshIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	files, err := filepath.Glob(filepath.Join("testdata", "fresh", "*.txt"))
	if err != nil {
		return nil, err
	}
	var arts []corpus.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ed, err := corpus.Parse(filepath.Base(f), data, corpus.Meta{})
		if err != nil {
			return nil, err
		}
		arts = append(arts, ed.Articles...)
	}
	return retrieval.Build(context.Background(), arts, retrieval.Config{})
})

func freshEngine(t testing.TB) *Engine {
	t.Helper()
	ix, err := freshIndex()
	if err != nil {
		t.Fatalf("index testdata/fresh: %v", err)
	}
	return NewEngine(ix, Options{})
}
