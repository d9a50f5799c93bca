package bot

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

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

// bigramSearcher ranks articles by shared character bigrams with the query: a stand-in index.
type bigramSearcher struct{ arts []corpus.Article }

func (b bigramSearcher) Search(_ context.Context, q string, opts retrieval.SearchOptions) ([]retrieval.Result, error) {
	qr := []rune(strings.ToLower(fold(q)))
	var res []retrieval.Result
	for _, a := range b.arts {
		doc := strings.ToLower(fold(a.Kicker + a.Title + a.Column + a.Text))
		n, hit := 0, 0
		for i := 0; i+1 < len(qr); i++ {
			bg := string(qr[i : i+2])
			if isPunctOrSpace(qr[i]) || isPunctOrSpace(qr[i+1]) {
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

// evalFloors are the levels an eval report must keep: each rate at least its floor, the false
// refusal rate at most its ceiling, and no citation errors.
type evalFloors struct{ hit1, answer, refusal, falseRefusalMax, followup float64 }

func checkFloors(t *testing.T, rep EvalReport, f evalFloors) {
	t.Helper()
	checks := []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"hit@1", rep.Hit1, f.hit1, false},
		{"answer accuracy", rep.AnswerAccuracy, f.answer, false},
		{"refusal accuracy", rep.RefusalAccuracy, f.refusal, false},
		{"false refusals", rep.FalseRefusalRate, f.falseRefusalMax, true},
		{"follow-up accuracy", rep.FollowupAccuracy, f.followup, false},
	}
	for _, c := range checks {
		if c.atMost && c.got > c.want || !c.atMost && c.got < c.want {
			t.Errorf("%s = %.3f, want %s %.2f", c.name, c.got, map[bool]string{true: "≤", false: "≥"}[c.atMost], c.want)
		}
	}
	if rep.CitationErrors != 0 {
		t.Errorf("citation errors = %d, want 0", rep.CitationErrors)
	}
}
