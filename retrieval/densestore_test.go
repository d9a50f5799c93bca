package retrieval

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"sync"
	"testing"
)

// memDense is a DenseStore in memory with an exact scan: the contract pgvector's store keeps
// (store/pgvector tests the real one against this package's in-process index).
type memDense struct {
	dim  int
	mu   sync.Mutex
	vecs map[string][]float32
	fail error // every call fails with it when set
}

func newMemDense(dim int) *memDense { return &memDense{dim: dim, vecs: map[string][]float32{}} }

func (m *memDense) put(cvs []ChunkVector) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, cv := range cvs {
		m.vecs[cv.Key] = cv.Vector
	}
}

func (m *memDense) Dim() int { return m.dim }

func (m *memDense) Nearest(_ context.Context, q []float32, k int) ([]DenseHit, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	hits := make([]DenseHit, 0, len(m.vecs))
	for key, v := range m.vecs {
		hits = append(hits, DenseHit{key, float64(dot(q, v))})
	}
	slices.SortFunc(hits, func(a, b DenseHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return 0
	})
	return hits[:min(k, len(hits))], nil
}

func (m *memDense) Similarities(_ context.Context, q []float32, keys []string) (map[string]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	out := map[string]float64{}
	for _, k := range keys {
		if v, ok := m.vecs[k]; ok {
			out[k] = float64(dot(q, v))
		}
	}
	return out, nil
}

// denseQuestions are questions over the fixture and the synthetic articles.
var denseQuestions = []string{"达茂旗的总面积是多少？", "消防宣传月什么时候启动", "谁来武进调研信访工作", "宅基地档案",
	"青锐共创项目展演", "安康医疗高端手术器械项目", "武进与哪里缔结友好城市"}

// An index whose vectors live in a DenseStore answers exactly as the in-process one, after an
// Update too (the writer puts the new chunks' vectors in the store; the index embeds nothing).
func TestDenseStoreMatchesInProcess(t *testing.T) {
	ctx := context.Background()
	arts := append(fixtureArticles(t), syntheticArticles(t, 300)...)
	base, later := arts[:200], arts[200:]
	mem, err := BuildSources(ctx, []Batch{{Source: "a", Stamp: "1", Articles: base}}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	emb, id := mem.Embedder(), mem.EmbedderID()
	store := newMemDense(mem.Dim())
	cvs, err := EmbedChunks(ctx, base, emb, id)
	if err != nil {
		t.Fatal(err)
	}
	store.put(cvs)
	ext, err := BuildSources(ctx, []Batch{{Source: "a", Stamp: "1", Articles: base}}, Config{Embedder: emb, EmbedderID: id, Dense: store})
	if err != nil {
		t.Fatal(err)
	}
	if len(ext.vectors.parts[0].data) != 0 {
		t.Fatal("an index with a DenseStore holds vectors in process")
	}
	qs := append(slices.Clone(denseQuestions), quotingQuestions(mem, 40)...)
	sameDenseResults(t, mem, ext, qs)

	// A new edition: the writer embeds its chunks into the store; the reader's Update does not.
	if mem, err = mem.Update(ctx, []Batch{{Source: "b", Stamp: "1", Articles: later}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if cvs, err = EmbedChunks(ctx, later, emb, id); err != nil {
		t.Fatal(err)
	}
	store.put(cvs)
	if ext, err = ext.Update(ctx, []Batch{{Source: "b", Stamp: "1", Articles: later}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	sameDenseResults(t, mem, ext, append(qs, quotingQuestions(mem, 40)...))
	sameDenseResults(t, mem, mem.WithDense(store), qs)
	if err := ext.Save(t.TempDir() + "/index.bin"); !errors.Is(err, errDenseExternal) {
		t.Errorf("Save of an index with a DenseStore: %v", err)
	}

	// The store failing: the lexical results alone, and an error wrapping ErrDenseUnavailable.
	store.fail = errors.New("connection refused")
	res, err := ext.Search(ctx, denseQuestions[0], SearchOptions{})
	if !errors.Is(err, ErrDenseUnavailable) || len(res) == 0 || res[0].Dense != 0 {
		t.Errorf("store down: %d results, dense %v, err %v", len(res), res, err)
	}
}

func sameDenseResults(t *testing.T, want, got *Index, qs []string) {
	t.Helper()
	ctx := context.Background()
	for _, q := range qs {
		for _, opts := range []SearchOptions{{}, {Limit: 3, DateFrom: "2024-03-01", DateTo: "2024-06-30"}} {
			w, err1 := want.Search(ctx, q, opts)
			g, err2 := got.Search(ctx, q, opts)
			if err1 != nil || err2 != nil {
				t.Fatalf("%q: %v %v", q, err1, err2)
			}
			if !reflect.DeepEqual(summary(w), summary(g)) {
				t.Errorf("%q %+v:\nin process %v\nstore      %v", q, opts, summary(w), summary(g))
			}
		}
	}
}

// resultSummary is what a search found, Dense to five decimals: the local embedder sums a text's
// features in map order, so the same text's vector may differ in its last bits.
type resultSummary struct {
	ID       string
	Dense    float64
	Passages []int
}

func summary(rs []Result) []resultSummary {
	out := make([]resultSummary, len(rs))
	for i, r := range rs {
		out[i] = resultSummary{ID: r.Article.ID, Dense: math.Round(r.Dense*1e5) / 1e5}
		for _, p := range r.Passages {
			out[i].Passages = append(out[i].Passages, p.Start)
		}
	}
	return out
}
