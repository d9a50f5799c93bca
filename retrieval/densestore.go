package retrieval

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tmc/langchaingo/embeddings"

	"newsbot/corpus"
)

// DenseStore keeps the chunk vectors of the dense ranking outside the process, for a library
// whose vectors outgrow one machine's memory (PostgreSQL with pgvector: store/pgvector implements
// it, wired in cmd/newsbot). An index given one (Config.Dense) embeds neither at Build nor at
// Update: whoever writes the library writes the vectors (EmbedChunks), keyed by ChunkKey, and
// every reader's index asks the store for the dense ranking, fused with its in-process lexical
// rankings exactly as the in-process dense ranking is.
type DenseStore interface {
	// Dim is the dimension of the stored vectors.
	Dim() int
	// Nearest returns up to k chunks nearest to the unit vector q by cosine similarity, best
	// first.
	Nearest(ctx context.Context, q []float32, k int) ([]DenseHit, error)
	// Similarities returns the cosine similarity of q to each of the named chunks the store
	// holds (a chunk it lacks is left out).
	Similarities(ctx context.Context, q []float32, keys []string) (map[string]float64, error)
}

// DenseHit is a chunk found by a DenseStore: its ChunkKey and cosine similarity.
type DenseHit struct {
	Key   string
	Score float64
}

// ChunkKey names chunk n (from 0) of an article as a DenseStore knows it. Chunking depends on
// the article's text alone, so every process derives the same keys from the same articles.
func ChunkKey(articleID string, n int) string { return articleID + "#" + strconv.Itoa(n) }

// parseChunkKey splits a ChunkKey.
func parseChunkKey(key string) (articleID string, n int, ok bool) {
	i := strings.LastIndexByte(key, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(key[i+1:])
	return key[:i], n, err == nil && n >= 0
}

// ChunkVector is one chunk as a DenseStore stores it: its key, article, embedded text
// (headline, line break, chunk) and unit vector.
type ChunkVector struct {
	Key       string
	ArticleID string
	Text      string
	Vector    []float32
}

// EmbedChunks chunks articles as an index does and embeds them with emb (named embID in errors),
// for a DenseStore. Pass the embedder the readers' indexes embed queries with: FitEmbedder's.
func EmbedChunks(ctx context.Context, articles []corpus.Article, emb embeddings.Embedder, embID string) ([]ChunkVector, error) {
	seg, err := newSegment([]Batch{{Articles: articles}}, "", "")
	if err != nil {
		return nil, err
	}
	seg.chunkArticles()
	texts := seg.embedTexts()
	if err := seg.embedChunks(ctx, emb, embID, texts, nil); err != nil {
		return nil, err
	}
	out := make([]ChunkVector, len(seg.chunks))
	for a, art := range seg.articles {
		for c := int(seg.firstChunk[a]); c < int(seg.firstChunk[a+1]); c++ {
			out[c] = ChunkVector{Key: ChunkKey(art.ID, c-int(seg.firstChunk[a])), ArticleID: art.ID,
				Text: texts[c], Vector: seg.vectors.row(c)}
		}
	}
	return out, nil
}

// FitEmbedder returns the embedder an index built over articles with cfg embeds with, and its
// ID: cfg's, or the local embedder fitted on the articles' chunks (its IDF frozen from then on,
// as an index generation's). Store its state (MarshalEmbedder) beside a DenseStore's vectors so
// that every reader embeds queries alike.
func FitEmbedder(cfg Config, articles []corpus.Article) (embeddings.Embedder, string, error) {
	seg, err := newSegment([]Batch{{Articles: articles}}, "", "")
	if err != nil {
		return nil, "", err
	}
	seg.chunkArticles()
	return chooseEmbedder(cfg, seg.embedTexts())
}

// MarshalEmbedder returns what a fitted local embedder needs to embed as it does (its IDF), nil
// for any other embedder (stateless here: its ID names it).
func MarshalEmbedder(e embeddings.Embedder) []byte {
	le, ok := e.(*LocalEmbedder)
	if !ok || le.idf == nil {
		return nil
	}
	b := make([]byte, 4*len(le.idf))
	for i, x := range le.idf {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

// UnmarshalLocalEmbedder rebuilds the local embedder named id from MarshalEmbedder's state.
func UnmarshalLocalEmbedder(id string, state []byte) (*LocalEmbedder, error) {
	dim, ok := parseLocalID(id)
	if !ok {
		return nil, fmt.Errorf("retrieval: %q is not a local embedder", id)
	}
	if len(state) != 4*localIDFBuckets {
		return nil, fmt.Errorf("retrieval: local embedder state of %d bytes, want %d", len(state), 4*localIDFBuckets)
	}
	idf := make([]float32, localIDFBuckets)
	for i := range idf {
		idf[i] = math.Float32frombits(binary.LittleEndian.Uint32(state[4*i:]))
	}
	return &LocalEmbedder{dim: dim, idf: idf}, nil
}

// denseOverfetch is how many more chunks than it keeps a search asks a DenseStore for when some
// chunks are not allowed (a date or paper filter, tombstones): the store ranks all its chunks,
// the index drops those the filter refuses.
const denseOverfetch = 4

// denseSearch is the dense ranking: the k chunks nearest to q among those allowed (nil: all), from
// the in-process vectors or from the DenseStore, whose chunks the index does not hold (a replica
// behind the library) are left out.
func (ix *Index) denseSearch(ctx context.Context, q []float32, k int, allow func(int) bool) ([]scored, error) {
	if ix.dense == nil {
		return ix.vectors.search(q, k, allow), nil
	}
	ask := k
	if allow != nil {
		ask = k * denseOverfetch
	}
	hits, err := ix.dense.Nearest(ctx, q, ask)
	if err != nil {
		return nil, fmt.Errorf("retrieval: dense search: %w: %w", ErrDenseUnavailable, err)
	}
	out := make([]scored, 0, min(k, len(hits)))
	for _, h := range hits {
		c, ok := ix.chunkOfKey(h.Key)
		if !ok || (allow != nil && !allow(c)) {
			continue
		}
		out = append(out, scored{c, h.Score})
		if len(out) == k {
			break
		}
	}
	return out, nil
}

// chunkOfKey is the global number of the live chunk a ChunkKey names.
func (ix *Index) chunkOfKey(key string) (int, bool) {
	id, n, ok := parseChunkKey(key)
	if !ok {
		return 0, false
	}
	a, ok := ix.byID[id]
	if !ok || n >= int(ix.firstChunk[a+1]-ix.firstChunk[a]) {
		return 0, false
	}
	return int(ix.firstChunk[a]) + n, true
}

// chunkCosines returns the cosine similarity of unit query q to any chunk of the given articles:
// the in-process rows' dot product, or the DenseStore's, asked once for all their chunks. It
// returns nil when q is nil (the query was not embedded) or the store cannot answer (err).
func (ix *Index) chunkCosines(ctx context.Context, q []float32, articles []int) (func(c int) float64, error) {
	if q == nil {
		return nil, nil
	}
	if ix.dense == nil {
		return func(c int) float64 { return float64(dot(q, ix.vectors.row(c))) }, nil
	}
	var keys []string
	for _, a := range articles {
		for c := int(ix.firstChunk[a]); c < int(ix.firstChunk[a+1]); c++ {
			keys = append(keys, ChunkKey(ix.articles[a].ID, c-int(ix.firstChunk[a])))
		}
	}
	sims, err := ix.dense.Similarities(ctx, q, keys)
	if err != nil {
		return nil, fmt.Errorf("retrieval: dense similarities: %w: %w", ErrDenseUnavailable, err)
	}
	return func(c int) float64 {
		a := ix.chunks[c].Article
		return sims[ChunkKey(ix.articles[a].ID, c-int(ix.firstChunk[a]))]
	}, nil
}

// errDenseExternal is returned where an index whose vectors live in a DenseStore is asked for
// them in process.
var errDenseExternal = errors.New("retrieval: the index's vectors are in its DenseStore, not in process")

// WithDense returns ix searching its dense half in d instead of in process: for an index built
// in process whose chunks' vectors were written to d (EmbedChunks with ix.Embedder()), e.g. to
// compare the two on one library without indexing it twice. ix is unchanged.
func (ix *Index) WithDense(d DenseStore) *Index {
	next := assemble(ix.segs, nil)
	next.embedder, next.embedderID, next.dense = ix.embedder, ix.embedderID, d
	return next
}
