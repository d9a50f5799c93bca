package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/corpus"
)

const builtinEvalSet = "../testdata/eval/builtin.jsonl"

// builtinArticles is the built-in edition as the corpus parser reads it, or the hand-split
// fixture while the parser cannot.
func builtinArticles(t testing.TB) []corpus.Article {
	t.Helper()
	if ed, err := corpus.Builtin(); err == nil && len(ed.Articles) > 0 {
		return ed.Articles
	}
	return fixtureArticles(t)
}

func TestBuiltinEvalSetIsWellFormed(t *testing.T) {
	cases, err := LoadEvalSet(builtinEvalSet)
	if err != nil {
		t.Fatal(err)
	}
	arts := builtinArticles(t)
	kinds := map[string]int{}
	for _, c := range cases {
		kinds[c.Kind]++
		if !c.Answerable() {
			continue
		}
		t.Run(c.Q, func(t *testing.T) {
			var match []corpus.Article
			for _, a := range arts {
				if c.Matches(a) {
					match = append(match, a)
				}
			}
			if len(match) != 1 {
				t.Fatalf("article %q matches %d articles, want 1", c.Article, len(match))
			}
			a := match[0]
			body := fold(headlineText(a) + "\n" + a.Byline + "\n" + a.Text)
			for _, m := range c.Must {
				found := false
				for _, alt := range strings.Split(m, "|") {
					found = found || strings.Contains(body, fold(alt))
				}
				if !found {
					t.Errorf("must %q is not in article %q", m, a.Headline())
				}
			}
		})
	}
	answerable := len(cases) - kinds[KindUnanswerable]
	if answerable < 60 || kinds[KindUnanswerable] < 12 {
		t.Errorf("eval set has %d answerable and %d unanswerable cases, want at least 60 and 12", answerable, kinds[KindUnanswerable])
	}
	for _, k := range []string{KindFact, KindParaphrase, KindKeyword, KindTraditional} {
		if kinds[k] == 0 {
			t.Errorf("eval set has no %s case", k)
		}
	}
}

func TestBuiltinRetrieval(t *testing.T) {
	cases, err := LoadEvalSet(builtinEvalSet)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), builtinArticles(t), Config{})
	if err != nil {
		t.Fatal(err)
	}
	m := evalLogged(t, ix, cases, "built-in edition")
	if m.Hit1 < 0.97 {
		t.Errorf("hit@1 = %.3f, want >= 0.97", m.Hit1)
	}
}

func TestLoadEvalSetErrors(t *testing.T) {
	tests := []struct {
		name, content, wantErr string
	}{
		{"bad json", `{"q": "a", "article": "x", "kind": "fact"}` + "\n{oops\n", ":2: bad JSON"},
		{"empty q", `{"q": "", "article": "x", "kind": "fact"}`, `:1: field "q" is empty`},
		{"unknown kind", `{"q": "a", "article": "x", "kind": "trivia"}`, `unknown kind "trivia"`},
		{"unanswerable with must", `{"q": "a", "article": "x", "must": ["1"], "kind": "unanswerable"}`, `:1: field "must" of an unanswerable case must be empty`},
		{"answerable without article", "\n\n" + `{"q": "a", "article": "", "kind": "fact"}`, `:3: field "article" is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "set.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadEvalSet(path)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("LoadEvalSet error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadEvalSetBOMAndCRLF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "set.jsonl")
	content := "\uFEFF" + `{"q": "达茂旗总人口有多少？", "article": "达茂旗", "must": ["11.4万人"]}` + "\r\n" +
		`{"q": "谁获得了诺贝尔奖？", "kind": "unanswerable"}` + "\r\n" +
		`{"q": "达茂旗有多少所学校？", "article": "达茂旗", "must": [], "kind": "unanswerable"}` + "\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := LoadEvalSet(path)
	if err != nil {
		t.Fatal(err)
	}
	// An unanswerable case naming the article it is about (DESIGN.md's "article" field) is read.
	if len(cases) != 3 || cases[0].Q != "达茂旗总人口有多少？" || cases[1].Kind != KindUnanswerable ||
		cases[2].Answerable() {
		t.Errorf("got %+v, want the three cases", cases)
	}
}
