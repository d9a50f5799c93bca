package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"

	chromem "github.com/philippgille/chromem-go"
	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/schema"
	"github.com/tmc/langchaingo/vectorstores"

	"newsbot/internal/vec"
)

// ChromemStore adapts an in-memory chromem-go collection to langchaingo's
// vectorstores.VectorStore. It handles chromem-go v0.7.0's pitfalls: result counts are clamped
// to the collection size (chromem errors otherwise), an empty collection answers nothing rather
// than an error, vectors are stored as unit vectors, documents are added in bounded batches
// (chromem starts a goroutine per document), and returned metadata is copied (chromem's aliases
// stored data). It is safe for concurrent use.
type ChromemStore struct {
	coll     *chromem.Collection
	embedder embeddings.Embedder
	readOnly bool
	keep     any // what the documents' vectors lie in (an index's mapped segments), held with them

	mu  sync.Mutex
	seq int
}

// chromemBatch is how many documents are handed to chromem-go at a time.
const chromemBatch = 512

var _ vectorstores.VectorStore = (*ChromemStore)(nil)

// NewChromemStore returns an empty store whose documents and queries are embedded by embedder.
func NewChromemStore(embedder embeddings.Embedder) (*ChromemStore, error) {
	if embedder == nil {
		return nil, errors.New("retrieval: chromem store: nil embedder")
	}
	ef := func(ctx context.Context, text string) ([]float32, error) {
		v, err := embedder.EmbedQuery(ctx, text)
		if err != nil {
			return nil, err
		}
		return unit(v), nil
	}
	coll, err := chromem.NewDB().CreateCollection("chunks", nil, ef)
	if err != nil {
		return nil, fmt.Errorf("retrieval: create chromem collection: %w", err)
	}
	return &ChromemStore{coll: coll, embedder: embedder}, nil
}

// Count is the number of stored documents.
func (s *ChromemStore) Count() int { return s.coll.Count() }

// AddDocuments embeds docs (with the store's embedder, or vectorstores.WithEmbedder's) and adds
// them. A document's ID is its metadata "id" when that is a non-empty string, else a generated
// "doc-N". Metadata values are stored as strings (fmt.Sprint). It returns the IDs.
func (s *ChromemStore) AddDocuments(ctx context.Context, docs []schema.Document, options ...vectorstores.Option) ([]string, error) {
	if s.readOnly {
		return nil, errors.New("retrieval: the index's vector store is read-only: re-ingest to change the library")
	}
	opts := vectorstores.Options{}
	for _, o := range options {
		o(&opts)
	}
	embedder := s.embedder
	if opts.Embedder != nil {
		embedder = opts.Embedder
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.PageContent
	}
	vecs, err := embedder.EmbedDocuments(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("retrieval: embed %d documents: %w", len(docs), err)
	}
	if len(vecs) != len(docs) {
		return nil, fmt.Errorf("retrieval: embedder returned %d vectors for %d documents", len(vecs), len(docs))
	}
	ids := make([]string, len(docs))
	metas := make([]map[string]string, len(docs))
	for i, d := range docs {
		metas[i] = make(map[string]string, len(d.Metadata))
		for k, v := range d.Metadata {
			metas[i][k] = fmt.Sprint(v)
		}
		ids[i] = metas[i]["id"]
		if ids[i] == "" {
			s.mu.Lock()
			s.seq++
			ids[i] = "doc-" + strconv.Itoa(s.seq)
			s.mu.Unlock()
		}
	}
	if err := s.addEmbedded(ctx, ids, vecs, metas, texts); err != nil {
		return nil, err
	}
	return ids, nil
}

// addEmbedded adds documents whose vectors are known, in batches. Vectors are made unit length
// in place; chromem-go keeps the given slices (no copy).
func (s *ChromemStore) addEmbedded(ctx context.Context, ids []string, vecs [][]float32, metas []map[string]string, contents []string) error {
	for start := 0; start < len(ids); start += chromemBatch {
		end := min(start+chromemBatch, len(ids))
		batch := make([]chromem.Document, 0, end-start)
		for i := start; i < end; i++ {
			batch = append(batch, chromem.Document{ID: ids[i], Metadata: metas[i], Embedding: unit(vecs[i]), Content: contents[i]})
		}
		if err := s.coll.AddDocuments(ctx, batch, runtime.GOMAXPROCS(0)); err != nil {
			return fmt.Errorf("retrieval: add documents to chromem: %w", err)
		}
	}
	return nil
}

// SimilaritySearch returns up to numDocuments documents most similar to query, best first, with
// Score the cosine similarity. It honours vectorstores.WithScoreThreshold (documents scoring
// below it are dropped), WithFilters (a map[string]string or map[string]any of metadata values
// that must all be equal) and WithEmbedder. NameSpace is not supported and ignored.
func (s *ChromemStore) SimilaritySearch(ctx context.Context, query string, numDocuments int, options ...vectorstores.Option) ([]schema.Document, error) {
	opts := vectorstores.Options{}
	for _, o := range options {
		o(&opts)
	}
	where, err := whereFilter(opts.Filters)
	if err != nil {
		return nil, err
	}
	n := min(numDocuments, s.coll.Count())
	if n <= 0 {
		return nil, nil
	}
	embedder := s.embedder
	if opts.Embedder != nil {
		embedder = opts.Embedder
	}
	qv, err := embedder.EmbedQuery(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("retrieval: embed query: %w", err)
	}
	res, err := s.coll.QueryEmbedding(ctx, unit(qv), n, where, nil)
	if err != nil {
		return nil, fmt.Errorf("retrieval: chromem query: %w", err)
	}
	docs := make([]schema.Document, 0, len(res))
	for _, r := range res {
		if opts.ScoreThreshold > 0 && r.Similarity < opts.ScoreThreshold {
			continue
		}
		meta := make(map[string]any, len(r.Metadata)+1)
		for k, v := range r.Metadata {
			meta[k] = v
		}
		meta["id"] = r.ID
		docs = append(docs, schema.Document{PageContent: r.Content, Metadata: meta, Score: r.Similarity})
	}
	return docs, nil
}

func whereFilter(filters any) (map[string]string, error) {
	switch f := filters.(type) {
	case nil:
		return nil, nil
	case map[string]string:
		return f, nil
	case map[string]any:
		where := make(map[string]string, len(f))
		for k, v := range f {
			where[k] = fmt.Sprint(v)
		}
		return where, nil
	default:
		return nil, fmt.Errorf("retrieval: unsupported filters type %T (want map[string]string or map[string]any)", filters)
	}
}

// unit scales v to unit length in place (chromem-go stores vectors as given and assumes unit
// length); a zero vector becomes the first basis vector.
func unit(v []float32) []float32 {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if math.Abs(n-1) < 1e-4 {
		return v
	}
	return vec.Normalize(v)
}

// matrix holds n unit vectors of dim floats contiguously. The fused search scans it rather than
// calling chromem-go's Query, which rebuilds a filtered slice from a map of documents and sorts
// on every call; the vectors are the same slices chromem-go holds.
type matrix struct {
	dim  int
	data []float32
	q    *quantized // the int8 copy the scan reads, nil until quantize
}

// quantize makes the int8 copy that search scans.
func (m *matrix) quantize() {
	q := quantize(m)
	m.q = &q
}

func (m *matrix) rows() int {
	if m.dim == 0 {
		return 0
	}
	return len(m.data) / m.dim
}

func (m *matrix) row(i int) []float32 { return m.data[i*m.dim : (i+1)*m.dim : (i+1)*m.dim] }

// search returns the k rows most similar to q among those allowed (nil: all), best first: the
// int8 copy is scanned for k*rescoreFactor candidates, which are rescored with the float32 rows
// (without the int8 copy the float32 rows are scanned).
func (m *matrix) search(q []float32, k int, allow func(int) bool) []scored {
	qv := make([]int8, len(q))
	qscale := quantizeRow(q, qv)
	best := newTopK(k)
	for _, c := range m.candidates(q, qv, qscale, k*rescoreFactor, allow) {
		best.push(c.doc, float64(dot(q, m.row(c.doc))))
	}
	return best.sorted()
}

// candidates are the n rows of the best int8 scores of query q quantized as qv and qscale
// (unsorted, scores approximate), or of the best float32 scores when the matrix has no int8 copy.
func (m *matrix) candidates(q []float32, qv []int8, qscale float32, n int, allow func(int) bool) []scored {
	if m.q == nil {
		return m.scan(q, n, allow)
	}
	return m.q.search(qv, qscale, n, allow)
}

// scan returns the k rows most similar to q among those allowed (nil: all), best first,
// scanning the float32 rows in parallel.
func (m *matrix) scan(q []float32, k int, allow func(int) bool) []scored {
	return parallelTop(m.rows(), k, allow, func(i int) float64 {
		return float64(dot(q, m.data[i*m.dim:(i+1)*m.dim]))
	}).sorted()
}

// vecSet is the dense ranking over the segments of an index: one matrix a segment, rows
// numbered globally in segment order.
type vecSet struct {
	dim   int
	parts []*matrix
	offs  []int // the first global row of each part, then the total
}

func newVecSet(dim int, parts []*matrix) *vecSet {
	v := &vecSet{dim: dim, parts: parts, offs: make([]int, len(parts)+1)}
	for i, p := range parts {
		v.offs[i+1] = v.offs[i] + p.rows()
	}
	return v
}

func (v *vecSet) rows() int { return v.offs[len(v.parts)] }

// row is global row i.
func (v *vecSet) row(i int) []float32 {
	p := sort.SearchInts(v.offs, i+1) - 1
	return v.parts[p].row(i - v.offs[p])
}

// search returns the k rows most similar to q among those allowed (nil: all), best first: the
// int8 copies of all parts are scanned for k*rescoreFactor candidates, which are rescored with
// the float32 rows (see matrix.search).
func (v *vecSet) search(q []float32, k int, allow func(int) bool) []scored {
	if len(v.parts) == 1 {
		return v.parts[0].search(q, k, allow)
	}
	qv := make([]int8, len(q))
	qscale := quantizeRow(q, qv)
	n := k * rescoreFactor
	cands := v.perPart(n, allow, func(p *matrix, local func(int) bool) []scored {
		return p.candidates(q, qv, qscale, n, local)
	})
	best := newTopK(k)
	for _, c := range mergeTops(n, cands).heap {
		best.push(c.doc, float64(dot(q, v.row(c.doc))))
	}
	return best.sorted()
}

// scan is the exact search over the float32 rows (for tests).
func (v *vecSet) scan(q []float32, k int, allow func(int) bool) []scored {
	tops := v.perPart(k, allow, func(p *matrix, local func(int) bool) []scored {
		return p.scan(q, k, local)
	})
	return mergeTops(k, tops).sorted()
}

// perPart runs hits on each part with allow read in the part's own row numbers, and returns
// each part's hits (at most k) in global row numbers, one topK a part, for mergeTops.
func (v *vecSet) perPart(k int, allow func(int) bool, hits func(p *matrix, allow func(int) bool) []scored) []*topK {
	tops := make([]*topK, len(v.parts))
	for i, p := range v.parts {
		off := v.offs[i]
		var local func(int) bool
		if allow != nil {
			local = func(r int) bool { return allow(r + off) }
		}
		t := &topK{k: k}
		for _, c := range hits(p, local) {
			t.heap = append(t.heap, scored{c.doc + off, c.score})
		}
		tops[i] = t
	}
	return tops
}

// dot is the inner product of two equally long vectors, unrolled by eight.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
		s4 += a[i+4] * b[i+4]
		s5 += a[i+5] * b[i+5]
		s6 += a[i+6] * b[i+6]
		s7 += a[i+7] * b[i+7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}
