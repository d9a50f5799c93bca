package retrieval

import (
	"context"
	"strings"
	"testing"

	"github.com/tmc/langchaingo/schema"
	"github.com/tmc/langchaingo/vectorstores"
)

func TestChromemStore(t *testing.T) {
	ctx := context.Background()
	store, err := NewChromemStore(NewLocalEmbedder(64))
	if err != nil {
		t.Fatal(err)
	}
	if docs, err := store.SimilaritySearch(ctx, "任何问题", 5); err != nil || len(docs) != 0 {
		t.Fatalf("search of an empty store = %v, %v; want nothing and no error", docs, err)
	}
	ids, err := store.AddDocuments(ctx, []schema.Document{
		{PageContent: "达茂旗总面积18177平方千米", Metadata: map[string]any{"paper": "武进日报", "id": "a"}},
		{PageContent: "消防宣传月活动启动", Metadata: map[string]any{"paper": "武进日报"}},
		{PageContent: "安康医疗项目总投资3.5亿元", Metadata: map[string]any{"paper": "常州日报"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 || ids[0] != "a" || ids[1] == "" {
		t.Errorf("ids = %q", ids)
	}
	tests := []struct {
		name    string
		n       int
		opts    []vectorstores.Option
		want    int
		firstIs string
	}{
		{"more than stored is clamped", 10, nil, 3, "达茂旗"},
		{"filter by metadata", 10, []vectorstores.Option{vectorstores.WithFilters(map[string]any{"paper": "常州日报"})}, 1, "安康"},
		{"filter as strings", 10, []vectorstores.Option{vectorstores.WithFilters(map[string]string{"paper": "武进日报"})}, 2, "达茂旗"},
		{"score threshold", 10, []vectorstores.Option{vectorstores.WithScoreThreshold(0.5)}, 1, "达茂旗"},
		{"zero results", 0, nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := store.SimilaritySearch(ctx, "达茂旗的总面积", tt.n, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tt.want {
				t.Fatalf("got %d documents, want %d: %+v", len(docs), tt.want, docs)
			}
			if tt.want > 0 && !strings.Contains(docs[0].PageContent, tt.firstIs) {
				t.Errorf("first document %q, want one about %s", docs[0].PageContent, tt.firstIs)
			}
			for i := 1; i < len(docs); i++ {
				if docs[i].Score > docs[i-1].Score {
					t.Errorf("documents not ordered by score: %v", docs)
				}
			}
		})
	}
	if _, err := store.SimilaritySearch(ctx, "x", 1, vectorstores.WithFilters([]string{"bad"})); err == nil {
		t.Error("unsupported filter type accepted")
	}
	docs, _ := store.SimilaritySearch(ctx, "达茂旗", 1)
	docs[0].Metadata["paper"] = "changed"
	again, _ := store.SimilaritySearch(ctx, "达茂旗", 1)
	if again[0].Metadata["paper"] != "武进日报" {
		t.Errorf("changing a result's metadata changed the store: %v", again[0].Metadata)
	}
}

func TestIndexVectorStore(t *testing.T) {
	ix := builtIndex(t)
	vs, err := ix.VectorStore()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := vs.SimilaritySearch(context.Background(), "消防宣传月的主题", 3)
	if err != nil || len(docs) != 3 {
		t.Fatalf("SimilaritySearch = %v, %v", docs, err)
	}
	if a, ok := ix.Article(docs[0].Metadata["article_id"].(string)); !ok || !strings.Contains(a.Title, "消防") {
		t.Errorf("best chunk from %q, want the fire-safety article", docs[0].Metadata["article_id"])
	}
	if _, err := vs.AddDocuments(context.Background(), []schema.Document{{PageContent: "x"}}); err == nil {
		t.Error("the index's store accepted a document: it must be read-only")
	}
	retriever := vectorstores.ToRetriever(vs, 2)
	if got, err := retriever.GetRelevantDocuments(context.Background(), "安康医疗"); err != nil || len(got) != 2 {
		t.Errorf("retriever = %v, %v", got, err)
	}
}

func TestMatrixSearchMatchesBruteForce(t *testing.T) {
	e := NewLocalEmbedder(32)
	texts := make([]string, 5000)
	for i := range texts {
		texts[i] = strings.Repeat(string(rune(0x4E00+i%300)), 1+i%7) + string(rune(0x4E00+i%97))
	}
	vecs, _ := e.EmbedDocuments(context.Background(), texts)
	m := matrix{dim: 32}
	for _, v := range vecs {
		m.data = append(m.data, v...)
	}
	q, _ := e.EmbedQuery(context.Background(), texts[42])
	got := m.search(q, 10, func(i int) bool { return i%2 == 0 })
	if len(got) != 10 {
		t.Fatalf("got %d results", len(got))
	}
	best := -1.0
	bestDoc := -1
	for i := 0; i < m.rows(); i += 2 {
		if s := float64(dot(q, m.row(i))); s > best {
			best, bestDoc = s, i
		}
	}
	if got[0].doc != bestDoc {
		t.Errorf("best row %d (%.4f), brute force %d (%.4f)", got[0].doc, got[0].score, bestDoc, best)
	}
	for _, s := range got {
		if s.doc%2 != 0 {
			t.Errorf("row %d is not allowed", s.doc)
		}
	}
}
