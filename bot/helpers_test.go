package bot

import (
	"context"
	"encoding/json"
	"newsbot/bot/internal/intent"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"newsbot/bot/internal/core"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// fixtureArticles are the built-in edition's articles, split by hand (testdata/articles.json), so
// that the answerer can be tested apart from the parser and the index.
func fixtureArticles(t testing.TB) []corpus.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "articles.json"))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	var arts []corpus.Article
	if err := json.Unmarshal(data, &arts); err != nil {
		t.Fatalf("parse fixture: %v", err)
	}
	return arts
}

// overArticles is an engine over arts alone, ranked by bigramSearcher.
func overArticles(arts []corpus.Article) *Engine {
	return NewEngineFor(bigramSearcher{arts}, Options{})
}

// bigramSearcher ranks articles by shared character bigrams with the query: a stand-in index.
type bigramSearcher struct{ arts []corpus.Article }

func (b bigramSearcher) Search(_ context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	qr := []rune(strings.ToLower(intent.Fold(q)))
	var res []retrieval.Result
	for _, a := range b.arts {
		if opts.DateFrom != "" && (a.Date == "" || a.Date < opts.DateFrom) || opts.DateTo != "" && (a.Date == "" || a.Date > opts.DateTo) {
			continue // dated searches see only that window's editions, as the index's do
		}
		doc := strings.ToLower(intent.Fold(a.Kicker + a.Title + a.Column + a.Text))
		n, hit := 0, 0
		for i := 0; i+1 < len(qr); i++ {
			bg := string(qr[i : i+2])
			if core.IsPunctOrSpace(qr[i]) || core.IsPunctOrSpace(qr[i+1]) {
				continue
			}
			n++
			if strings.Contains(doc, bg) {
				hit++
			}
		}
		cov := 0.0
		if n > 0 {
			cov = float64(hit) / float64(n)
		}
		res = append(res, retrieval.Result{Article: a, Score: cov, Coverage: cov})
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i].Score > res[j].Score })
	limit := opts.Limit
	if limit == 0 {
		limit = 5
	}
	return res[:min(limit, len(res))], nil
}

func (b bigramSearcher) Articles() []corpus.Article { return b.arts }

func (b bigramSearcher) Article(id string) (corpus.Article, bool) {
	for _, a := range b.arts {
		if a.ID == id {
			return a, true
		}
	}
	return corpus.Article{}, false
}

func fixtureEngine(t testing.TB, opts Options) *Engine {
	return NewEngineFor(bigramSearcher{fixtureArticles(t)}, opts)
}

// oneArticleEdition writes a one-article edition (headline, 本报讯 lead, body) under a temporary folder,
// parses and indexes it the way the library does, and returns an engine over it.
func oneArticleEdition(t *testing.T, headline, body string) *Engine {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edition.txt")
	text := headline + "\n本报讯（记者 张三）" + body + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	ed, err := corpus.Parse(filepath.Base(path), data, corpus.Meta{})
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	ix, err := retrieval.Build(context.Background(), ed.Articles, retrieval.Config{})
	if err != nil {
		t.Fatalf("index %s: %v", path, err)
	}
	return NewEngine(ix, Options{})
}

// checkCase is a question, a quoted window, and whether a refusal check refuses the window.
type checkCase struct {
	q, window string
	refused   bool
}

// runCheckCases runs the refusal check named name on each case's analysed question and window
// (no headline).
func runCheckCases(t *testing.T, name string, check func(q intent.Intent, window, headline string) string, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.q+" "+tc.window, func(t *testing.T) {
			got := check(intent.Analyze(tc.q), tc.window, "")
			if (got != "") != tc.refused {
				t.Errorf("%s(%q, %q) = %q, want refused %v", name, tc.q, tc.window, got, tc.refused)
			}
		})
	}
}

// checkHolds reports each of want that answer lacks and each of not that it holds.
func checkHolds(t testing.TB, q, answer string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(answer, w) {
			t.Errorf("%s: got %q, want it to hold %q", q, answer, w)
		}
	}
	for _, n := range not {
		if strings.Contains(answer, n) {
			t.Errorf("%s: got %q, want it without %q", q, answer, n)
		}
	}
}
