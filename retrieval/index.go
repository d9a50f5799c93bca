package retrieval

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/vectorstores"

	"newsbot/corpus"
)

// Config chooses how an index is built and loaded.
type Config struct {
	// Embedder embeds chunks and queries; nil means the local offline embedder
	// (NewLocalEmbedder(DefaultLocalDim), fitted on the library).
	Embedder embeddings.Embedder
	// EmbedderID names the embedder and its dimension, e.g. "local-hash-v1/512" or
	// "openai:text-embedding-3-small". It is recorded in a saved index; loading with another ID is an
	// error telling the user to re-ingest. Empty means the local embedder's own ID (or, for another
	// embedder, its Go type name).
	EmbedderID string
	// DictWords are extra words for the Chinese segmenter (a --dict file), besides the names the
	// corpus itself yields (headlines, bylines, people).
	DictWords []string
	// Fingerprint is an opaque caller-supplied string saved with the index (e.g. a hash of the
	// library's editions), returned by (*Index).Fingerprint so a stale index can be detected.
	Fingerprint string
	// Progress, when set, is called during Build as work completes: stage is "embed" or "index",
	// done counts chunks out of total. It is called from one goroutine at a time.
	Progress func(stage string, done, total int)
}

// SearchOptions narrow and size a search.
type SearchOptions struct {
	Limit    int    // articles to return; 0 means 5
	Paper    string // only this paper, when set
	DateFrom string // YYYY-MM-DD inclusive, when set
	DateTo   string // YYYY-MM-DD inclusive, when set
}

// Result is one article found for a query, with its best passages.
type Result struct {
	Article corpus.Article
	// Score is the fused score (reciprocal-rank fusion of lexical, dense and headline rankings),
	// higher is better; comparable within one search only.
	Score float64
	// Coverage is the share (0..1) of the query's content words (gse words and library names
	// after NormalizeQuery, minus question and function words such as 什么, 哪, 的) that occur in
	// the article's headline or text. 1 means every content word occurs; a low value on the best
	// result suggests the library does not hold the answer. 0 when the query has no content word.
	Coverage float64
	// Dense is the best cosine similarity (-1..1) of the article's chunks to the query under the
	// index's embedder. Its scale depends on the embedder: with the local hashed embedder,
	// unrelated text scores about 0-0.1 and a passage sharing the question's key phrases 0.3+.
	Dense    float64
	Passages []Passage // best first
}

// Passage is a chunk of an article's text.
type Passage struct {
	Text  string  // Article.Text[Start:End]
	Start int     // byte offset into Article.Text
	End   int     // byte offset into Article.Text
	Score float64 // higher is better
}

// chunkRef is a chunk: a byte range of one article's text.
type chunkRef struct {
	Article int32
	Start   int32
	End     int32
}

// Index is a searchable library. It is immutable once built or opened and safe for concurrent
// searches; a re-ingest builds a new Index and swaps the pointer.
type Index struct {
	articles    []corpus.Article
	byID        map[string]int
	chunks      []chunkRef
	firstChunk  []int32 // chunks of article a are firstChunk[a]..firstChunk[a+1]-1
	tok         *tokenizer
	lex         *lexicalIndex // documents are chunks (headline terms included)
	doc         *lexicalIndex // documents are articles (headline and text)
	head        *lexicalIndex // documents are articles' headlines
	vectors     matrix        // row i is chunk i's unit vector
	embedder    embeddings.Embedder
	embedderID  string
	fingerprint string
	fusion      fusionParams

	storeOnce sync.Once
	store     *ChromemStore
	storeErr  error
}

// Build chunks, embeds and indexes articles. Article IDs must be non-empty and unique.
func Build(ctx context.Context, articles []corpus.Article, cfg Config) (*Index, error) {
	if err := checkArticles(articles); err != nil {
		return nil, err
	}
	ix := &Index{
		articles:    append([]corpus.Article(nil), articles...),
		fingerprint: cfg.Fingerprint,
		fusion:      defaultFusion,
	}
	ix.index()
	words := append(libraryWords(articles), cfg.DictWords...)
	ix.tok = &tokenizer{user: newUserDict(words)}
	ix.chunkArticles()
	texts := ix.embedTexts()
	emb, id, err := chooseEmbedder(cfg, texts)
	if err != nil {
		return nil, err
	}
	ix.embedder, ix.embedderID = emb, id
	if err := ix.embedChunks(ctx, texts, cfg.Progress); err != nil {
		return nil, err
	}
	if err := ix.buildLexical(ctx, cfg.Progress); err != nil {
		return nil, err
	}
	return ix, nil
}

func checkArticles(articles []corpus.Article) error {
	seen := make(map[string]int, len(articles))
	for i, a := range articles {
		if a.ID == "" {
			return fmt.Errorf("retrieval: article %d (%q) has no ID", i, a.Headline())
		}
		if j, ok := seen[a.ID]; ok {
			return fmt.Errorf("retrieval: articles %d and %d share the ID %q", j, i, a.ID)
		}
		seen[a.ID] = i
	}
	return nil
}

// index fills byID.
func (ix *Index) index() {
	ix.byID = make(map[string]int, len(ix.articles))
	for i, a := range ix.articles {
		ix.byID[a.ID] = i
	}
}

func (ix *Index) chunkArticles() {
	ix.firstChunk = make([]int32, 0, len(ix.articles)+1)
	for i, a := range ix.articles {
		ix.firstChunk = append(ix.firstChunk, int32(len(ix.chunks)))
		spans := chunkSpans(a.Text)
		if len(spans) == 0 {
			// A headline-only item still gets a chunk, so its headline can be found.
			spans = []span{{0, 0}}
		}
		for _, s := range spans {
			ix.chunks = append(ix.chunks, chunkRef{Article: int32(i), Start: int32(s.Start), End: int32(s.End)})
		}
	}
	ix.firstChunk = append(ix.firstChunk, int32(len(ix.chunks)))
}

// headlineText is what names an article: kicker, title and column label.
func headlineText(a corpus.Article) string {
	var parts []string
	for _, p := range []string{a.Kicker, a.Title, a.Column} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

func (ix *Index) chunkText(c int) string {
	ch := ix.chunks[c]
	return ix.articles[ch.Article].Text[ch.Start:ch.End]
}

// embedTexts are the chunks as embedded: the article's headline, a line break, the chunk.
func (ix *Index) embedTexts() []string {
	texts := make([]string, len(ix.chunks))
	for c, ch := range ix.chunks {
		texts[c] = headlineText(ix.articles[ch.Article]) + "\n" + ix.chunkText(c)
	}
	return texts
}

// chooseEmbedder returns the embedder for a build and its ID: the configured one, or the local
// embedder fitted on texts.
func chooseEmbedder(cfg Config, texts []string) (embeddings.Embedder, string, error) {
	switch e := cfg.Embedder.(type) {
	case nil:
		dim := DefaultLocalDim
		if cfg.EmbedderID != "" {
			d, ok := parseLocalID(cfg.EmbedderID)
			if !ok {
				return nil, "", fmt.Errorf("retrieval: embedder %q named but none configured", cfg.EmbedderID)
			}
			dim = d
		}
		le := NewLocalEmbedder(dim).fit(texts)
		return le, le.ID(), nil
	case *LocalEmbedder:
		if cfg.EmbedderID != "" && cfg.EmbedderID != e.ID() {
			return nil, "", fmt.Errorf("retrieval: EmbedderID %q does not match the local embedder %q", cfg.EmbedderID, e.ID())
		}
		le := e.fit(texts)
		return le, le.ID(), nil
	default:
		id := cfg.EmbedderID
		if id == "" {
			id = fmt.Sprintf("%T", e)
		}
		return e, id, nil
	}
}

// embedBatch is how many chunks are embedded per call (a remote provider batches further).
const embedBatch = 256

func (ix *Index) embedChunks(ctx context.Context, texts []string, progress func(string, int, int)) error {
	vecs := make([][]float32, len(texts))
	var mu sync.Mutex
	done := 0
	workers := 1
	if _, ok := ix.embedder.(*LocalEmbedder); ok {
		workers = runtime.GOMAXPROCS(0)
	}
	err := parallelBatches(ctx, len(texts), embedBatch, workers, func(lo, hi int) error {
		out, err := ix.embedder.EmbedDocuments(ctx, texts[lo:hi])
		if err != nil {
			return fmt.Errorf("retrieval: embed chunks %d-%d with %s: %w", lo, hi-1, ix.embedderID, err)
		}
		if len(out) != hi-lo {
			return fmt.Errorf("retrieval: embedder %s returned %d vectors for %d chunks", ix.embedderID, len(out), hi-lo)
		}
		copy(vecs[lo:hi], out)
		mu.Lock()
		defer mu.Unlock()
		done += hi - lo
		if progress != nil {
			progress("embed", done, len(texts))
		}
		return nil
	})
	if err != nil {
		return err
	}
	dim := 0
	if len(vecs) > 0 {
		dim = len(vecs[0])
	}
	if len(vecs) > 0 && dim == 0 {
		return fmt.Errorf("retrieval: embedder %s returned empty vectors", ix.embedderID)
	}
	ix.vectors = matrix{dim: dim, data: make([]float32, 0, dim*len(vecs))}
	for i, v := range vecs {
		if len(v) != dim {
			return fmt.Errorf("retrieval: embedder %s returned %d dimensions for chunk %d, %d before", ix.embedderID, len(v), i, dim)
		}
		ix.vectors.data = append(ix.vectors.data, unit(v)...)
	}
	return nil
}

// parallelBatches calls fn on consecutive ranges [lo,hi) of n items, size at a time, with up
// to workers ranges in flight. It stops at the first error or when ctx is done.
func parallelBatches(ctx context.Context, n, size, workers int, fn func(lo, hi int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := range next {
				if err := fn(lo, min(lo+size, n)); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
feed:
	for lo := 0; lo < n; lo += size {
		select {
		case next <- lo:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// buildLexical indexes the library three ways: chunks (with their article's headline terms),
// whole articles (headline and text) and headlines alone. Each article is tokenized once; the
// work is spread over ranges of articles and merged in order.
func (ix *Index) buildLexical(ctx context.Context, progress func(string, int, int)) error {
	const batch = 64
	n := len(ix.articles)
	type part struct{ chunks, docs, heads *lexicalBuilder }
	parts := make([]part, (n+batch-1)/batch)
	var mu sync.Mutex
	done := 0
	err := parallelBatches(ctx, n, batch, runtime.GOMAXPROCS(0), func(lo, hi int) error {
		p := part{newLexicalBuilder(), newLexicalBuilder(), newLexicalBuilder()}
		for a := lo; a < hi; a++ {
			ix.indexArticle(a, p.chunks, p.docs, p.heads)
		}
		parts[lo/batch] = p
		mu.Lock()
		defer mu.Unlock()
		done += int(ix.firstChunk[hi] - ix.firstChunk[lo])
		if progress != nil {
			progress("index", done, len(ix.chunks))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(ix.chunks) >= maxLexDocs {
		return fmt.Errorf("retrieval: %d chunks exceed the index limit of %d", len(ix.chunks), maxLexDocs)
	}
	chunks, docs, heads := newLexicalBuilder(), newLexicalBuilder(), newLexicalBuilder()
	for _, p := range parts {
		chunks.merge(p.chunks)
		docs.merge(p.docs)
		heads.merge(p.heads)
	}
	ix.lex, ix.doc, ix.head = chunks.finish(), docs.finish(), heads.finish()
	return nil
}

// posTerm is a term and its byte offset in the folded text.
type posTerm struct {
	term string
	off  int
}

// indexArticle adds article a's chunks, whole text and headline to the builders.
func (ix *Index) indexArticle(a int, chunks, docs, heads *lexicalBuilder) {
	art := ix.articles[a]
	var head []string
	ix.tok.terms(fold(headlineText(art)), func(t string) { head = append(head, t) })
	folded := fold(art.Text)
	var terms []posTerm
	ix.tok.termsAt(folded, func(t string, off int) { terms = append(terms, posTerm{t, off}) })
	first, last := int(ix.firstChunk[a]), int(ix.firstChunk[a+1])
	bounds := make([]int, 0, 2*(last-first))
	for c := first; c < last; c++ {
		bounds = append(bounds, int(ix.chunks[c].Start), int(ix.chunks[c].End))
	}
	fb := foldedOffsets(art.Text, folded, bounds)
	for c := first; c < last; c++ {
		fs, fe := fb[int(ix.chunks[c].Start)], fb[int(ix.chunks[c].End)]
		chunks.add(func(emit func(string)) {
			for _, t := range head {
				emit(t)
			}
			for _, t := range terms {
				if t.off >= fs && t.off+len(t.term) <= fe {
					emit(t.term)
				}
			}
		})
	}
	docs.add(func(emit func(string)) {
		for _, t := range head {
			emit(t)
		}
		for _, t := range terms {
			emit(t.term)
		}
	})
	heads.add(func(emit func(string)) {
		for _, t := range head {
			emit(t)
		}
	})
}

// foldedOffsets maps byte offsets of text to the byte offsets of the same runes in folded
// (fold keeps one rune per rune but may change their byte lengths).
func foldedOffsets(text, folded string, offsets []int) map[int]int {
	want := make(map[int]bool, len(offsets))
	for _, o := range offsets {
		want[o] = true
	}
	out := make(map[int]int, len(offsets))
	i, j := 0, 0
	for {
		if want[i] {
			out[i] = j
		}
		if i >= len(text) || j >= len(folded) {
			break
		}
		_, si := utf8.DecodeRuneInString(text[i:])
		_, sj := utf8.DecodeRuneInString(folded[j:])
		i += si
		j += sj
	}
	for _, o := range offsets {
		if _, ok := out[o]; !ok {
			out[o] = len(folded)
		}
	}
	return out
}

// Articles lists the indexed articles in library order.
func (ix *Index) Articles() []corpus.Article { return append([]corpus.Article(nil), ix.articles...) }

// Article returns the article with the given ID.
func (ix *Index) Article(id string) (corpus.Article, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return corpus.Article{}, false
	}
	return ix.articles[i], true
}

// Chunks is the number of indexed chunks.
func (ix *Index) Chunks() int { return len(ix.chunks) }

// EmbedderID names the embedder that built the index, e.g. "local-hash-v1/512".
func (ix *Index) EmbedderID() string { return ix.embedderID }

// Dim is the dimension of the index's vectors.
func (ix *Index) Dim() int { return ix.vectors.dim }

// Fingerprint is the Config.Fingerprint the index was built with.
func (ix *Index) Fingerprint() string { return ix.fingerprint }

// Tokenize is the package Tokenize with the library's own words (names, headline phrases, --dict
// words) recognised as whole terms besides their bigrams.
func (ix *Index) Tokenize(text string) []string {
	var out []string
	ix.tok.terms(fold(text), func(t string) { out = append(out, t) })
	return out
}

// VectorStore returns the index's chunks as a read-only langchaingo vector store backed by
// chromem-go (documents' metadata: id, article_id, paper, date, title). It is built on first use
// from the index's vectors, without re-embedding.
func (ix *Index) VectorStore() (vectorstores.VectorStore, error) {
	ix.storeOnce.Do(func() {
		store, err := NewChromemStore(ix.embedder)
		if err != nil {
			ix.storeErr = err
			return
		}
		n := len(ix.chunks)
		ids := make([]string, n)
		vecs := make([][]float32, n)
		metas := make([]map[string]string, n)
		contents := make([]string, n)
		for c, ch := range ix.chunks {
			a := ix.articles[ch.Article]
			ids[c] = a.ID + "#" + strconv.Itoa(c-int(ix.firstChunk[ch.Article]))
			vecs[c] = ix.vectors.row(c)
			metas[c] = map[string]string{"article_id": a.ID, "paper": a.Paper, "date": a.Date, "title": a.Headline()}
			contents[c] = ix.chunkText(c)
		}
		if n > 0 {
			ix.storeErr = store.addEmbedded(context.Background(), ids, vecs, metas, contents)
		}
		store.readOnly = true
		ix.store = store
	})
	if ix.storeErr != nil {
		return nil, ix.storeErr
	}
	return ix.store, nil
}

// errEmptyIndex is returned by a search of an index without articles.
var errEmptyIndex = errors.New("retrieval: the index holds no articles")

// sortResults orders results by score, then library order, for deterministic output.
func sortResults(rs []Result, order map[string]int) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return order[rs[i].Article.ID] < order[rs[j].Article.ID]
	})
}
