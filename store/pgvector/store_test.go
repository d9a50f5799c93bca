package pgvector

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tmc/langchaingo/schema"
	"github.com/tmc/langchaingo/vectorstores"

	"newsbot/retrieval"
	"newsbot/store/postgres/pgtest"
)

// pool connects to the pgvector server of the tests (PGlite in CI), or skips.
func pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), pgtest.PgvectorURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func tableFor(t testing.TB) string {
	return fmt.Sprintf("t_%d", time.Now().UnixNano())
}

// Documents come back nearest first with their metadata and scores; filters and the score
// threshold apply; re-adding an ID replaces it.
func TestStoreSearch(t *testing.T) {
	p := pool(t)
	ctx := context.Background()
	s, err := New(ctx, p, tableFor(t), 64, retrieval.NewLocalEmbedder(64))
	if err != nil {
		t.Fatal(err)
	}
	docs := []schema.Document{
		{PageContent: "达茂旗总面积18177平方千米，边境线长88.6公里。", Metadata: map[string]any{"id": "a", "paper": "武进日报"}},
		{PageContent: "第119个消防宣传月活动在我区启动。", Metadata: map[string]any{"id": "b", "paper": "武进日报"}},
		{PageContent: "国家档案局调研我区农村宅基地档案工作。", Metadata: map[string]any{"id": "c", "paper": "晚报"}},
	}
	ids, err := s.AddDocuments(ctx, docs)
	if err != nil || !slices.Equal(ids, []string{"a", "b", "c"}) {
		t.Fatalf("AddDocuments: %v %v", ids, err)
	}
	got, err := s.SimilaritySearch(ctx, "达茂旗的总面积是多少", 2)
	if err != nil || len(got) != 2 || got[0].Metadata["id"] != "a" || got[0].Score <= got[1].Score {
		t.Fatalf("search: %+v %v", got, err)
	}
	if got[0].Metadata["paper"] != "武进日报" {
		t.Errorf("metadata lost: %+v", got[0].Metadata)
	}
	got, _ = s.SimilaritySearch(ctx, "宅基地档案", 3, vectorstores.WithFilters(map[string]any{"paper": "武进日报"}))
	for _, d := range got {
		if d.Metadata["paper"] != "武进日报" {
			t.Errorf("filter let through %+v", d.Metadata)
		}
	}
	if got, _ := s.SimilaritySearch(ctx, "达茂旗", 3, vectorstores.WithScoreThreshold(0.99)); len(got) != 0 {
		t.Errorf("threshold 0.99 kept %d documents", len(got))
	}
	if _, err := s.AddDocuments(ctx, []schema.Document{{PageContent: "消防宣传月", Metadata: map[string]any{"id": "b"}}}); err != nil {
		t.Fatal(err)
	}
	var n int
	_ = p.QueryRow(ctx, "SELECT count(*) FROM "+s.table).Scan(&n)
	if n != 3 {
		t.Errorf("%d rows after re-adding b, want 3", n)
	}
	if _, err := New(ctx, p, "Bad-Name;", 64, retrieval.NewLocalEmbedder(64)); err == nil {
		t.Error("a bad table name was accepted")
	}
}

type passage struct{ PID, Title, Text string }
type question struct {
	Question string
	GoldPID  string `json:"gold_pid"`
}

func readJSONL[T any](t testing.TB, path string) []T {
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("third-party data not present: %v", err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestCMRCAgainstInProcess measures the dense half alone on cmrc2018_dev (848 passages, the local
// 512-dim embedder): recall@1 and query latency of the pgvector store (HNSW) against the
// in-process chromem-go store. A long evaluation: NEWSBOT_LONG=1 (300 questions; all with
// NEWSBOT_QA_ALL=1).
func TestCMRCAgainstInProcess(t *testing.T) {
	if os.Getenv("NEWSBOT_LONG") == "" {
		t.Skip("a long evaluation: set NEWSBOT_LONG=1")
	}
	p := pool(t)
	dir := filepath.Join("..", "..", "..", "shared", "qa")
	ps := readJSONL[passage](t, filepath.Join(dir, "cmrc2018_dev.passages.jsonl"))
	qs := readJSONL[question](t, filepath.Join(dir, "cmrc2018_dev.questions.jsonl"))
	if os.Getenv("NEWSBOT_QA_ALL") == "" && len(qs) > 300 {
		qs = qs[:300]
	}
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(512)
	docs := make([]schema.Document, len(ps))
	for i, x := range ps {
		docs[i] = schema.Document{PageContent: x.Title + "\n" + x.Text, Metadata: map[string]any{"id": x.PID}}
	}
	pg, err := New(ctx, p, tableFor(t), 512, emb)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < len(docs); i += 200 {
		if _, err := pg.AddDocuments(ctx, docs[i:min(i+200, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	loadPG := time.Since(start)
	mem, err := retrieval.NewChromemStore(emb)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mem.AddDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
	measure := func(s vectorstores.VectorStore) (recall float64, p50 time.Duration) {
		hits := 0
		lat := make([]time.Duration, 0, len(qs))
		for _, q := range qs {
			t0 := time.Now()
			got, err := s.SimilaritySearch(ctx, q.Question, 1)
			lat = append(lat, time.Since(t0))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > 0 && got[0].Metadata["id"] == q.GoldPID {
				hits++
			}
		}
		slices.Sort(lat)
		return float64(hits) / float64(len(qs)), lat[len(lat)/2]
	}
	rMem, pMem := measure(mem)
	rPG, pPG := measure(pg)
	t.Logf("cmrc2018_dev dense only, %d passages, %d questions: in-process recall@1 %.3f p50 %v; pgvector (HNSW, ef_search %d) recall@1 %.3f p50 %v; loading %v",
		len(ps), len(qs), rMem, pMem, EfSearch, rPG, pPG, loadPG.Round(time.Millisecond))
	if rPG < rMem-0.01 {
		t.Errorf("pgvector recall@1 %.3f is more than 0.01 under the in-process %.3f", rPG, rMem)
	}
}
