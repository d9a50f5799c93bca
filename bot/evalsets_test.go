// The engines and cases of the eval sets: the built-in edition, the libraries eval sets name, and
// testdata/fresh's editions, each indexed once per test run.

package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// builtinIndex is the index of the real built-in edition (corpus.Builtin → retrieval.Build),
// built once for the package's tests.
var builtinIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	ed, err := corpus.Builtin()
	if err != nil {
		return nil, err
	}
	return retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
})

func builtinEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	ix, err := builtinIndex()
	if err != nil {
		t.Fatalf("build the built-in index: %v", err)
	}
	return NewEngine(ix, opts)
}

// evalCases loads the eval sets over the built-in edition: every testdata/eval/*.jsonl at the
// repository root without a library of its own (see evalLibraryDir).
func evalCases(t testing.TB) []retrieval.EvalCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no eval sets in ../testdata/eval (%v)", err)
	}
	var all []retrieval.EvalCase
	for _, f := range files {
		if evalLibraryDir(f) != "" {
			continue
		}
		cs, err := retrieval.LoadEvalSet(f)
		if err != nil {
			t.Fatalf("load %s: %v", f, err)
		}
		all = append(all, cs...)
	}
	return all
}

// evalLibraryDir is the library an eval set is about when it is not the built-in edition: the
// folder testdata/NAME beside testdata/eval/NAME.jsonl. "" means the built-in edition.
func evalLibraryDir(evalFile string) string {
	name := strings.TrimSuffix(filepath.Base(evalFile), ".jsonl")
	dir := filepath.Join(filepath.Dir(filepath.Dir(evalFile)), name)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	return ""
}

// libraryEngine parses every edition file in dir into one engine (files named expected* are a
// parser test's hand-written expectations, not editions).
func libraryEngine(t testing.TB, dir string) *Engine {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no editions in %s (%v)", dir, err)
	}
	var arts []corpus.Article
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "expected") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := corpus.Parse(filepath.Base(f), data, corpus.Meta{})
		if err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		arts = append(arts, ed.Articles...)
	}
	ix, err := retrieval.Build(context.Background(), arts, retrieval.Config{})
	if err != nil {
		t.Fatalf("index %s: %v", dir, err)
	}
	return NewEngine(ix, Options{})
}

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

// freshEditionArticles are the articles of one of testdata/fresh's editions, parsed.
func freshEditionArticles(t *testing.T, file string) []corpus.Article {
	t.Helper()
	name := filepath.Join("testdata", "fresh", file)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := corpus.Parse(file, data, corpus.Meta{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return ed.Articles
}
