package retrieval

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/tmc/langchaingo/embeddings"

	"newsbot/corpus"
)

// A segment is what one Build, Update or Compact added: its articles with their chunks,
// postings and vectors, numbered locally, and the tombstones it lays on earlier segments' articles
// (a replaced source, a removed article). An Index is its segments applied in order.
type segment struct {
	gen         string            // the generation: the base segment's, which every later one shares
	fingerprint string            // Config.Fingerprint (base) or the caller's at Update
	articles    []corpus.Article  // added, in order
	sources     []string          // each added article's source ("" when none)
	stamps      map[string]string // the sources this segment adds, with their stamps
	removed     []string          // sources whose earlier articles it tombstones
	deleted     []string          // article IDs whose earlier articles it tombstones
	words       []string          // user dictionary words new with this segment
	chunks      []chunkRef        // Article is the local article number
	firstChunk  []int32
	lex         *lexicalIndex
	doc         *lexicalIndex
	head        *lexicalIndex
	vectors     matrix
	localIDF    []float32 // the base's local embedder IDF, frozen for the generation
	file        string    // the file it was read from or saved to, "" when only in memory
	mapped      *mapping  // the file its tables lie in when read from one (kept mapped while they are used)
	chars       []int32   // character table (charcount.go): read with the segment, or counted on first use
	charOnce    sync.Once
}

// Batch is articles that come and go together from one source (an edition file, a feed, a
// database table page…), identified by Source and versioned by Stamp (any text that changes when
// the source does, e.g. a file's size and modification time). Adding a Batch whose Source the
// index holds replaces that source's articles. Source may be empty: the articles then stand alone
// and replace only the indexed articles with the same IDs.
type Batch struct {
	Source   string
	Stamp    string
	Articles []corpus.Article
}

func newGeneration() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// newSegment holds the batches' articles (IDs unique and non-empty), not yet chunked.
func newSegment(batches []Batch, gen, fingerprint string) (*segment, error) {
	s := &segment{gen: gen, fingerprint: fingerprint, stamps: map[string]string{}}
	for _, b := range batches {
		if b.Source != "" {
			if _, dup := s.stamps[b.Source]; dup {
				return nil, fmt.Errorf("retrieval: source %q given twice", b.Source)
			}
			s.stamps[b.Source] = b.Stamp
		}
		s.articles = append(s.articles, b.Articles...)
		for range b.Articles {
			s.sources = append(s.sources, b.Source)
		}
	}
	if err := checkArticles(s.articles); err != nil {
		return nil, err
	}
	return s, nil
}

// Update returns a new index holding ix's articles with batches added (a batch replaces the
// indexed articles of its source, and any indexed article with the ID of one it adds), the
// articles of removeSources and those with removeIDs gone. ix is unchanged and keeps serving.
// The added articles are chunked, embedded with ix's embedder (the local embedder keeps the IDF
// it was fitted with when the index was built: see Embedder) and indexed as one new segment;
// the replaced and removed ones are tombstoned, not rewritten, until Compact. Lexical statistics
// stay exact across segments (lexSet). Cost grows with what is added, not with the index.
func (ix *Index) Update(ctx context.Context, batches []Batch, removeSources, removeIDs []string) (*Index, error) {
	seg, err := newSegment(batches, ix.gen, ix.Fingerprint())
	if err != nil {
		return nil, err
	}
	for _, b := range batches {
		if _, ok := ix.stamps[b.Source]; ok && b.Source != "" {
			seg.removed = append(seg.removed, b.Source)
		}
	}
	for _, src := range removeSources {
		if _, ok := ix.stamps[src]; ok && !slices.Contains(seg.removed, src) {
			seg.removed = append(seg.removed, src)
		}
	}
	for _, id := range removeIDs {
		if _, ok := ix.byID[id]; ok {
			seg.deleted = append(seg.deleted, id)
		}
	}
	tok := ix.tok.with(libraryWords(seg.articles))
	seg.words = tok.user.words
	seg.chunkArticles()
	if ix.dense != nil {
		seg.vectors.dim = ix.vectors.dim // the writer put the new chunks' vectors in the store
	} else if err := seg.embedChunks(ctx, ix.embedder, ix.embedderID, seg.embedTexts(), nil); err != nil {
		return nil, err
	}
	if len(seg.chunks) == 0 {
		seg.vectors.dim = ix.vectors.dim
	}
	if seg.vectors.dim != ix.vectors.dim {
		return nil, fmt.Errorf("retrieval: embedder %s returned %d dimensions, the index has %d: %w", ix.embedderID, seg.vectors.dim, ix.vectors.dim, ErrStaleIndex)
	}
	if err := seg.buildLexical(ctx, tok, nil); err != nil {
		return nil, err
	}
	next := assemble(append(slices.Clone(ix.segs), seg), ix)
	next.embedder, next.embedderID, next.dense = ix.embedder, ix.embedderID, ix.dense
	return next, nil
}

// Add returns a new index with articles added, each replacing any indexed article with its ID
// (Update with one batch without a source).
func (ix *Index) Add(ctx context.Context, articles []corpus.Article) (*Index, error) {
	return ix.Update(ctx, []Batch{{Articles: articles}}, nil, nil)
}

// Remove returns a new index without the articles with the given IDs (unknown IDs are ignored).
func (ix *Index) Remove(ctx context.Context, ids []string) (*Index, error) {
	return ix.Update(ctx, nil, nil, ids)
}

// Sources lists the sources the index holds with their stamps (see Batch).
func (ix *Index) Sources() map[string]string {
	out := make(map[string]string, len(ix.stamps))
	for k, v := range ix.stamps {
		out[k] = v
	}
	return out
}

// Segments is how many segments the index has (1 after Build or Compact).
func (ix *Index) Segments() int { return len(ix.segs) }

// DeadShare is the share of indexed articles that later segments replaced or removed.
func (ix *Index) DeadShare() float64 {
	if len(ix.articles) == 0 {
		return 0
	}
	return float64(len(ix.articles)-ix.live) / float64(len(ix.articles))
}

// Compaction thresholds: NeedsCompaction is true past either.
const (
	compactDeadShare = 0.2
	compactSegments  = 32
)

// NeedsCompaction tells a writer to Compact: tombstones hold more than a fifth of the articles,
// or more than 32 segments were appended since the last compaction.
func (ix *Index) NeedsCompaction() bool {
	return ix.DeadShare() > compactDeadShare || len(ix.segs) > compactSegments
}

// Embedder is the embedder the index embeds with. With the local embedder it carries the IDF
// fitted when the index was built: Update and Compact keep it (the generation's IDF), so vectors
// of every segment are weighted alike; Build fits a new one. Passed as Config.Embedder to Build,
// it makes Build embed as this index does.
func (ix *Index) Embedder() embeddings.Embedder { return ix.embedder }

// Compact returns the index rewritten as one segment: the live articles in order, their vectors
// reused (nothing is re-embedded), the lexical indexes and the library's own words rebuilt from
// the live articles and cfg.DictWords, tombstones gone. Its search results are those of Build over
// the same articles with Config.Embedder = ix.Embedder(). It reads the whole index: run it at
// the next writer when NeedsCompaction says so, not for every update.
func (ix *Index) Compact(ctx context.Context, cfg Config) (*Index, error) {
	fingerprint := ix.Fingerprint()
	if cfg.Fingerprint != "" {
		fingerprint = cfg.Fingerprint
	}
	seg := &segment{gen: newGeneration(), fingerprint: fingerprint, stamps: ix.Sources(), localIDF: ix.segs[0].localIDF}
	var old []int // live articles' global numbers
	for a, art := range ix.articles {
		if ix.dead == nil || !ix.dead[a] {
			old = append(old, a)
			seg.articles = append(seg.articles, art)
			seg.sources = append(seg.sources, ix.source[a])
		}
	}
	tok := &tokenizer{user: newUserDict(append(libraryWords(seg.articles), cfg.DictWords...))}
	seg.words = tok.user.words
	seg.chunkArticles()
	seg.vectors = matrix{dim: ix.vectors.dim}
	if ix.dense == nil {
		seg.vectors.data = make([]float32, 0, ix.vectors.dim*len(seg.chunks))
	}
	for i, a := range old {
		first, last := int(ix.firstChunk[a]), int(ix.firstChunk[a+1])
		if last-first != int(seg.firstChunk[i+1]-seg.firstChunk[i]) {
			return nil, errors.New("retrieval: compact: an article's chunks changed: rebuild the index")
		}
		if ix.dense != nil {
			continue // the store holds the vectors
		}
		for c := first; c < last; c++ {
			seg.vectors.data = append(seg.vectors.data, ix.vectors.row(c)...)
		}
	}
	seg.vectors.quantize()
	if err := seg.buildLexical(ctx, tok, cfg.Progress); err != nil {
		return nil, err
	}
	next := assemble([]*segment{seg}, nil)
	next.embedder, next.embedderID, next.dense = ix.embedder, ix.embedderID, ix.dense
	return next, nil
}

// assemble makes the index of segs applied in order. When prev is the index of a prefix of segs,
// its tables are copied and only the later segments applied.
func assemble(segs []*segment, prev *Index) *Index {
	ix := &Index{segs: segs, gen: segs[0].gen, fusion: defaultFusion, rank: defaultRankModel}
	from := 0
	if prev != nil && len(prev.segs) <= len(segs) {
		from = len(prev.segs)
		ix.articles = slices.Clip(prev.articles)
		ix.source = slices.Clip(prev.source)
		ix.dead = slices.Clone(prev.dead)
		ix.live = prev.live
		ix.byID = make(map[string]int, len(prev.byID))
		for k, v := range prev.byID {
			ix.byID[k] = v
		}
		ix.stamps = prev.Sources()
		ix.chunks = slices.Clip(prev.chunks)
		ix.firstChunk = slices.Clip(prev.firstChunk[:len(prev.firstChunk)-1])
		ix.tok = prev.tok
		ix.fusion, ix.rank = prev.fusion, prev.rank
	} else {
		ix.byID = map[string]int{}
		ix.stamps = map[string]string{}
	}
	// The tables are grown once to their final size: appended segment by segment they would be
	// copied again at every doubling, which at 400,000 chunks cost more than reading the files.
	articles, chunks := 0, 0
	for _, s := range segs[from:] {
		articles += len(s.articles)
		chunks += len(s.chunks)
	}
	ix.articles = slices.Grow(ix.articles, articles)
	ix.source = slices.Grow(ix.source, articles)
	ix.firstChunk = slices.Grow(ix.firstChunk, articles+1)
	ix.chunks = slices.Grow(ix.chunks, chunks)
	if prev == nil {
		ix.byID = make(map[string]int, articles)
	}
	for _, s := range segs[from:] {
		ix.apply(s)
	}
	ix.firstChunk = append(ix.firstChunk, int32(len(ix.chunks)))
	lex, doc, head := make([]*lexicalIndex, len(segs)), make([]*lexicalIndex, len(segs)), make([]*lexicalIndex, len(segs))
	vecs := make([]*matrix, len(segs))
	for i, s := range segs {
		lex[i], doc[i], head[i], vecs[i] = s.lex, s.doc, s.head, &s.vectors
	}
	ix.lex, ix.doc, ix.head = newLexSet(lex), newLexSet(doc), newLexSet(head)
	ix.vectors = newVecSet(segs[0].vectors.dim, vecs)
	return ix
}

// apply adds segment s to the index's tables: its tombstones, then its articles.
func (ix *Index) apply(s *segment) {
	for _, src := range s.removed {
		for a, from := range ix.source {
			if from == src {
				ix.kill(a)
			}
		}
		delete(ix.stamps, src)
	}
	for _, id := range s.deleted {
		if a, ok := ix.byID[id]; ok {
			ix.kill(a)
		}
	}
	base := len(ix.articles)
	for i, art := range s.articles {
		if a, ok := ix.byID[art.ID]; ok {
			ix.kill(a)
		}
		ix.byID[art.ID] = base + i
		ix.articles = append(ix.articles, art)
		ix.source = append(ix.source, s.sources[i])
		if ix.dead != nil {
			ix.dead = append(ix.dead, false)
		}
		ix.live++
	}
	for k, v := range s.stamps {
		ix.stamps[k] = v
	}
	chunkBase := int32(len(ix.chunks))
	for a := range s.articles {
		ix.firstChunk = append(ix.firstChunk, s.firstChunk[a]+chunkBase)
	}
	for _, c := range s.chunks {
		c.Article += int32(base)
		ix.chunks = append(ix.chunks, c)
	}
	if ix.tok == nil {
		ix.tok = &tokenizer{user: newUserDict(s.words)}
	} else if len(s.words) > 0 {
		ix.tok = ix.tok.with(s.words)
	}
}

// kill tombstones live article a.
func (ix *Index) kill(a int) {
	if ix.dead == nil {
		ix.dead = make([]bool, len(ix.articles))
	}
	if ix.dead[a] {
		return
	}
	ix.dead[a] = true
	ix.live--
	if ix.byID[ix.articles[a].ID] == a {
		delete(ix.byID, ix.articles[a].ID)
	}
}
