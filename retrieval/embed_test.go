package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"newsbot/internal/fakeopenai"
)

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestLocalEmbedder(t *testing.T) {
	e := NewLocalEmbedder(128)
	if e.ID() != "local-hash-v1/128" {
		t.Errorf("ID = %q", e.ID())
	}
	vs, err := e.EmbedDocuments(context.Background(), []string{"达茂旗总面积18177平方千米", "", "達茂旗總面積"})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		if len(v) != 128 || math.Abs(norm(v)-1) > 1e-5 {
			t.Errorf("vector %d: dim %d norm %f, want 128 and 1", i, len(v), norm(v))
		}
	}
	q, _ := e.EmbedQuery(context.Background(), "达茂旗总面积18177平方千米")
	if !slicesEqual(q, vs[0]) {
		t.Errorf("EmbedQuery and EmbedDocuments differ for the same text")
	}
	related := dot(vs[0], vs[2])
	unrelated, _ := e.EmbedQuery(context.Background(), "消防宣传月活动启动")
	if related <= dot(vs[0], unrelated) {
		t.Errorf("traditional spelling similarity %f is not above an unrelated text's %f", related, dot(vs[0], unrelated))
	}
}

func slicesEqual(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseLocalID(t *testing.T) {
	for id, want := range map[string]int{"local-hash-v1/512": 512, "local-hash-v1/64": 64, "local-hash-v1/": 0, "local-hash-v1/05": 0, "openai:x": 0, "local-hash-v1/-3": 0} {
		if got, _ := parseLocalID(id); got != want {
			t.Errorf("parseLocalID(%q) = %d, want %d", id, got, want)
		}
	}
}

func TestOpenAIEmbedderWithFakeServer(t *testing.T) {
	srv := fakeopenai.New()
	defer srv.Close()
	srv.APIKey = "sk-test-secret"
	srv.Dim = 48
	e, err := NewOpenAIEmbedder(srv.BaseURL(), "text-embedding-3-small", "sk-test-secret", 4)
	if err != nil {
		t.Fatal(err)
	}
	arts := fixtureArticles(t)
	ix, err := Build(context.Background(), arts, Config{Embedder: e, EmbedderID: OpenAIEmbedderID("text-embedding-3-small")})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.EmbeddingRequests()
	if len(reqs) == 0 {
		t.Fatal("no embeddings request reached the fake server")
	}
	for _, r := range reqs {
		if len(r.Input) > 4 || r.Model != "text-embedding-3-small" {
			t.Errorf("request with %d inputs for model %q, want at most 4 for text-embedding-3-small", len(r.Input), r.Model)
		}
	}
	if ix.Dim() != 48 {
		t.Errorf("Dim = %d, want 48", ix.Dim())
	}
	rs, err := ix.Search(context.Background(), "达茂旗的总面积", SearchOptions{Limit: 1})
	if err != nil || len(rs) != 1 || !strings.Contains(rs[0].Article.Title, "达茂旗") {
		t.Errorf("Search with the OpenAI embedder = %+v, %v", rs, err)
	}

	srv.FailEmbeddings(http.StatusBadRequest)
	rs, err = ix.Search(context.Background(), "达茂旗的总面积", SearchOptions{Limit: 1})
	if !errors.Is(err, ErrDenseUnavailable) || len(rs) != 1 || !strings.Contains(rs[0].Article.Title, "达茂旗") || rs[0].Dense != 0 {
		t.Errorf("Search while the provider fails = %+v, %v; want lexical results and ErrDenseUnavailable", rs, err)
	}
	if err != nil && strings.Contains(err.Error(), "sk-test-secret") {
		t.Errorf("error %q reveals the key", err)
	}
	_, err = Build(context.Background(), arts, Config{Embedder: e, EmbedderID: "openai:text-embedding-3-small"})
	if err == nil || strings.Contains(err.Error(), "sk-test-secret") {
		t.Errorf("Build with a failing provider = %v, want an error without the key", err)
	}
	bad, _ := NewOpenAIEmbedder(srv.BaseURL(), "m", "wrong-key", 0)
	srv.FailEmbeddings(0)
	if _, err := bad.EmbedQuery(context.Background(), "x"); err == nil {
		t.Errorf("a wrong key was accepted")
	}
}

func TestRemoteEmbedderConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		make func() error
	}{
		{"openai without model", func() error { _, err := NewOpenAIEmbedder("http://127.0.0.1:1/v1", "", "", 0); return err }},
		{"openai bad url", func() error { _, err := NewOpenAIEmbedder("127.0.0.1:1/v1", "m", "", 0); return err }},
		{"ollama bad url", func() error { _, err := NewOllamaEmbedder("ht tp://bad", "m"); return err }},
		{"ollama no host", func() error { _, err := NewOllamaEmbedder("http://", "m"); return err }},
		{"ollama without model", func() error { _, err := NewOllamaEmbedder("http://127.0.0.1:11434", ""); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.make(); err == nil {
				t.Error("no error")
			}
		})
	}
}

// fakeOllama serves Ollama's /api/embed (the endpoint langchaingo v0.1.14's client calls) with
// fakeopenai's vectors.
type fakeOllama struct {
	*httptest.Server
	mu     sync.Mutex
	inputs []string
	models []string
}

func newFakeOllama(dim int) *fakeOllama {
	f := &fakeOllama{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/embed" {
			http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
			return
		}
		var req struct {
			Model string `json:"model"`
			Input string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.inputs = append(f.inputs, req.Input)
		f.models = append(f.models, req.Model)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"model": req.Model, "embeddings": [][]float32{fakeopenai.Vector(req.Input, dim)}})
	}))
	return f
}

func TestOllamaEmbedderWithFakeServer(t *testing.T) {
	srv := newFakeOllama(32)
	defer srv.Close()
	e, err := NewOllamaEmbedder(srv.URL, "bge-m3")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), fixtureArticles(t), Config{Embedder: e, EmbedderID: OllamaEmbedderID("bge-m3")})
	if err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	n, model := len(srv.inputs), srv.models[0]
	srv.mu.Unlock()
	if n != ix.Chunks() || model != "bge-m3" {
		t.Errorf("fake Ollama saw %d inputs for model %q, want %d for bge-m3", n, model, ix.Chunks())
	}
	path := t.TempDir() + "/ix"
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), path, Config{}); !errors.Is(err, ErrStaleIndex) {
		t.Errorf("Open without the Ollama embedder = %v, want ErrStaleIndex", err)
	}
	reopened, err := Open(context.Background(), path, Config{Embedder: e, EmbedderID: OllamaEmbedderID("bge-m3")})
	if err != nil {
		t.Fatal(err)
	}
	if rs, err := reopened.Search(context.Background(), "安康医疗项目总投资", SearchOptions{Limit: 1}); err != nil || len(rs) == 0 || rs[0].Article.Column != "重点项目进行时" {
		t.Errorf("Search after Open with Ollama = %+v, %v", rs, err)
	}
}
