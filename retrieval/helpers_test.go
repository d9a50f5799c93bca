package retrieval

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"newsbot/corpus"
)

// fixtureArticles are the built-in edition's six items, split by hand (testdata), so retrieval
// tests do not depend on the corpus parser.
func fixtureArticles(t testing.TB) []corpus.Article {
	t.Helper()
	data, err := os.ReadFile("testdata/builtin_articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var arts []corpus.Article
	if err := json.Unmarshal(data, &arts); err != nil {
		t.Fatalf("testdata/builtin_articles.json: %v", err)
	}
	return arts
}

var (
	fixtureOnce  sync.Once
	fixtureIndex *Index
	fixtureErr   error
)

// builtIndex is an index of the fixture articles, built once per test binary.
func builtIndex(t testing.TB) *Index {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureIndex, fixtureErr = Build(context.Background(), fixtureArticles(t), Config{})
	})
	if fixtureErr != nil {
		t.Fatalf("Build: %v", fixtureErr)
	}
	return fixtureIndex
}

// evalLogged evaluates cases on ix, logging the figures under label and every miss.
func evalLogged(t testing.TB, ix *Index, cases []EvalCase, label string) RetrievalMetrics {
	t.Helper()
	m, err := EvaluateRetrieval(context.Background(), ix, cases)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d cases hit@1 %.3f hit@5 %.3f MRR %.3f", label, m.Answerable, m.Hit1, m.Hit5, m.MRR)
	for _, miss := range m.Misses {
		t.Logf("miss (rank %d, top %q): %s", miss.Rank, miss.Top, miss.Case.Q)
	}
	return m
}
