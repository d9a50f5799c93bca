package retrieval

import (
	"context"
	"fmt"
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
	// Dense, when set, keeps the dense ranking's vectors outside the process (see DenseStore):
	// Build and Update then embed no chunk, and Embedder must be the one the store's vectors were
	// embedded with (a fitted local embedder: FitEmbedder, UnmarshalLocalEmbedder). Such an index
	// is not saved: the store and the library are where it lives.
	Dense DenseStore
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
	// Score is the rerank's score (rankmodel.go: fitted weights over the reciprocal ranks of the
	// lexical, dense, article and headline rankings, coverage and dates), higher is better;
	// comparable within one search only.
	Score float64
	// Coverage is the share (0..1) of the query's content words (gse words and library names
	// after NormalizeQuery, minus question and function words such as 什么, 哪, 的, and minus
	// single characters when longer words remain) that occur in the article's headline, byline or
	// text. 1 means every content word occurs; a low value on the best result suggests the
	// library does not hold the answer. 0 when the query has no content word.
	Coverage float64
	// Dense is the best cosine similarity (-1..1) of the article's chunks to the query under the
	// index's embedder (0 when the query could not be embedded). Its scale depends on the
	// embedder: with the local hashed embedder, unrelated text scores about 0-0.1 and the right
	// article about 0.1-0.3, so compare it across the results of one search rather than with a
	// fixed threshold; Coverage is the stronger refusal signal.
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

// Index is a searchable library: a base segment and the segments appended by Update, each with
// its own articles, chunks, postings and vectors, and tombstones for the articles later segments
// replaced or removed (segment.go). It is immutable once built or opened and safe for concurrent
// searches; Update and Compact return a new Index sharing the segments, to swap in.
type Index struct {
	segs       []*segment
	gen        string           // the base segment's generation
	articles   []corpus.Article // every segment's, in order; dead ones too
	source     []string         // each article's source ("" when none)
	dead       []bool           // tombstoned articles (nil when none)
	live       int              // articles not tombstoned
	byID       map[string]int   // live articles
	stamps     map[string]string
	chunks     []chunkRef // Article is the global article number
	firstChunk []int32    // chunks of article a are firstChunk[a]..firstChunk[a+1]-1
	tok        *tokenizer
	lex        *lexSet // documents are chunks (headline terms included)
	doc        *lexSet // documents are articles (headline and text)
	head       *lexSet // documents are articles' headlines
	vectors    *vecSet // row i is chunk i's unit vector
	embedder   embeddings.Embedder
	embedderID string
	dense      DenseStore // the vectors' store when not in process (Config.Dense)
	fusion     fusionParams
	rank       *rankModel // the rerank's weights (rankmodel.go)

	charOnce sync.Once
	charDF   *charCounts // see charDFs

	storeOnce sync.Once
	store     *ChromemStore
	storeErr  error
}

// buildTrace marks the end of a build stage; tests set it to time stages.
var buildTrace = func(stage string) {}

// Build chunks, embeds and indexes articles. Article IDs must be non-empty and unique.
func Build(ctx context.Context, articles []corpus.Article, cfg Config) (*Index, error) {
	return BuildSources(ctx, []Batch{{Articles: articles}}, cfg)
}

// BuildSources is Build over articles grouped by source (see Batch), so that Update can later
// replace or remove a source's articles and Sources tells what the index holds.
func BuildSources(ctx context.Context, batches []Batch, cfg Config) (*Index, error) {
	seg, err := newSegment(batches, newGeneration(), cfg.Fingerprint)
	if err != nil {
		return nil, err
	}
	words := append(libraryWords(seg.articles), cfg.DictWords...)
	buildTrace("library words")
	tok := &tokenizer{user: newUserDict(words)}
	seg.words = tok.user.words
	buildTrace("user dictionary")
	seg.chunkArticles()
	texts := seg.embedTexts()
	buildTrace("chunks")
	emb, id, err := chooseEmbedder(cfg, texts)
	if err != nil {
		return nil, err
	}
	buildTrace("embedder fit")
	if le, ok := emb.(*LocalEmbedder); ok {
		seg.localIDF = le.idf
	}
	if cfg.Dense != nil {
		seg.vectors.dim = cfg.Dense.Dim() // the store holds the vectors
	} else if err := seg.embedChunks(ctx, emb, id, texts, cfg.Progress); err != nil {
		return nil, err
	}
	buildTrace("embed")
	if err := seg.buildLexical(ctx, tok, cfg.Progress); err != nil {
		return nil, err
	}
	buildTrace("lexical")
	ix := assemble([]*segment{seg}, nil)
	ix.embedder, ix.embedderID, ix.dense = emb, id, cfg.Dense
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

func (s *segment) chunkArticles() {
	s.firstChunk = make([]int32, 0, len(s.articles)+1)
	for i, a := range s.articles {
		s.firstChunk = append(s.firstChunk, int32(len(s.chunks)))
		spans := chunkSpans(a.Text)
		if len(spans) == 0 {
			// A headline-only item still gets a chunk, so its headline can be found.
			spans = []span{{Start: 0, End: 0}}
		}
		for _, sp := range spans {
			s.chunks = append(s.chunks, chunkRef{Article: int32(i), Start: int32(sp.Start), End: int32(sp.End)})
		}
	}
	s.firstChunk = append(s.firstChunk, int32(len(s.chunks)))
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

// embedTexts are the segment's chunks as embedded: the article's headline, a line break, the chunk.
func (s *segment) embedTexts() []string {
	texts := make([]string, len(s.chunks))
	for c, ch := range s.chunks {
		a := s.articles[ch.Article]
		texts[c] = headlineText(a) + "\n" + a.Text[ch.Start:ch.End]
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
		if e.idf != nil {
			return e, e.ID(), nil // fitted already: an index generation's embedder (Index.Embedder)
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

func (s *segment) embedChunks(ctx context.Context, emb embeddings.Embedder, embID string, texts []string, progress func(string, int, int)) error {
	vecs := make([][]float32, len(texts))
	var mu sync.Mutex
	done := 0
	inFlight := 1
	if _, ok := emb.(*LocalEmbedder); ok {
		inFlight = workers()
	}
	err := parallelBatches(ctx, len(texts), embedBatch, inFlight, func(lo, hi int) error {
		out, err := emb.EmbedDocuments(ctx, texts[lo:hi])
		if err != nil {
			return fmt.Errorf("retrieval: embed chunks %d-%d with %s: %w", lo, hi-1, embID, err)
		}
		if len(out) != hi-lo {
			return fmt.Errorf("retrieval: embedder %s returned %d vectors for %d chunks", embID, len(out), hi-lo)
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
		return fmt.Errorf("retrieval: embedder %s returned empty vectors", embID)
	}
	s.vectors = matrix{dim: dim, data: make([]float32, 0, dim*len(vecs))}
	for i, v := range vecs {
		if len(v) != dim {
			return fmt.Errorf("retrieval: embedder %s returned %d dimensions for chunk %d, %d before", embID, len(v), i, dim)
		}
		s.vectors.data = append(s.vectors.data, unit(v)...)
		vecs[i] = nil // the matrix holds it now
	}
	s.vectors.quantize()
	return nil
}

// buildLexical indexes the library three ways: chunks (with their article's headline terms),
// whole articles (headline and text) and headlines alone. Articles are tokenized in parallel,
// once each, and added to the indexes in library order.
func (s *segment) buildLexical(ctx context.Context, tok *tokenizer, progress func(string, int, int)) error {
	if len(s.chunks) >= maxLexDocs {
		return fmt.Errorf("retrieval: %d chunks exceed the segment limit of %d", len(s.chunks), maxLexDocs)
	}
	vocab := newVocabulary()
	chunks, docs, heads := &lexicalBuilder{}, &lexicalBuilder{}, &lexicalBuilder{}
	produce := func(lo, hi int) []articleTerms {
		out := make([]articleTerms, 0, hi-lo)
		for a := lo; a < hi; a++ {
			out = append(out, s.tokenizeArticle(a, tok))
		}
		return out
	}
	consume := func(lo, hi int, terms []articleTerms) {
		for i, t := range terms {
			s.addArticle(lo+i, t, vocab, chunks, docs, heads)
		}
		if progress != nil {
			progress("index", int(s.firstChunk[hi]), len(s.chunks))
		}
	}
	if err := orderedBatches(ctx, len(s.articles), 32, produce, consume); err != nil {
		return err
	}
	voc, order := vocab.freeze()
	s.lex, s.doc, s.head = chunks.finish(voc, order), docs.finish(voc, order), heads.finish(voc, order)
	return nil
}

// posTerm is a term and its byte offset in the folded text.
type posTerm struct {
	term string
	off  int
}

// articleTerms is an article's tokens: headline terms, text terms with offsets in the folded
// text, and its chunks' bounds in the folded text.
type articleTerms struct {
	head   []string
	terms  []posTerm
	bounds map[int]int // byte offset in Article.Text → byte offset in the folded text
}

func (s *segment) tokenizeArticle(a int, tok *tokenizer) articleTerms {
	art := s.articles[a]
	var t articleTerms
	tok.terms(fold(headlineText(art)), func(w string) { t.head = append(t.head, w) })
	folded := fold(art.Text)
	tok.termsAt(folded, func(w string, off int) { t.terms = append(t.terms, posTerm{w, off}) })
	first, last := int(s.firstChunk[a]), int(s.firstChunk[a+1])
	bounds := make([]int, 0, 2*(last-first))
	for c := first; c < last; c++ {
		bounds = append(bounds, int(s.chunks[c].Start), int(s.chunks[c].End))
	}
	t.bounds = foldedOffsets(art.Text, folded, bounds)
	return t
}

// addArticle adds article a's chunks, whole text and headline to the builders.
func (s *segment) addArticle(a int, t articleTerms, vocab *vocabBuilder, chunks, docs, heads *lexicalBuilder) {
	head := make([]int32, len(t.head))
	for i, h := range t.head {
		head[i] = vocab.id(h)
	}
	all := make([]int32, 0, len(head)+len(t.terms))
	all = append(all, head...)
	for _, p := range t.terms {
		all = append(all, vocab.id(p.term))
	}
	body := all[len(head):]
	var chunk []int32
	for c := int(s.firstChunk[a]); c < int(s.firstChunk[a+1]); c++ {
		fs, fe := t.bounds[int(s.chunks[c].Start)], t.bounds[int(s.chunks[c].End)]
		chunk = append(chunk[:0], head...)
		for i, p := range t.terms {
			if p.off >= fs && p.off+len(p.term) <= fe {
				chunk = append(chunk, body[i])
			}
		}
		chunks.add(chunk)
	}
	docs.add(all)
	heads.add(head)
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

// Articles lists the indexed articles in library order (those added by Update after the ones
// before them; a replaced article takes its replacement's place).
func (ix *Index) Articles() []corpus.Article {
	if ix.dead == nil {
		return append([]corpus.Article(nil), ix.articles...)
	}
	out := make([]corpus.Article, 0, ix.live)
	for a, art := range ix.articles {
		if !ix.dead[a] {
			out = append(out, art)
		}
	}
	return out
}

// Article returns the article with the given ID.
func (ix *Index) Article(id string) (corpus.Article, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return corpus.Article{}, false
	}
	return ix.articles[i], true
}

// Chunks is the number of indexed chunks, those of tombstoned articles included until Compact.
func (ix *Index) Chunks() int { return len(ix.chunks) }

// EmbedderID names the embedder that built the index, e.g. "local-hash-v1/512".
func (ix *Index) EmbedderID() string { return ix.embedderID }

// Dim is the dimension of the index's vectors.
func (ix *Index) Dim() int { return ix.vectors.dim }

// Fingerprint is the Config.Fingerprint the index was built with (Update keeps it).
func (ix *Index) Fingerprint() string { return ix.segs[0].fingerprint }

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
	if ix.dense != nil {
		return nil, errDenseExternal
	}
	ix.storeOnce.Do(func() {
		store, err := NewChromemStore(ix.embedder)
		if err != nil {
			ix.storeErr = err
			return
		}
		var ids, contents []string
		var vecs [][]float32
		var metas []map[string]string
		for c, ch := range ix.chunks {
			if ix.dead != nil && ix.dead[ch.Article] {
				continue
			}
			a := ix.articles[ch.Article]
			ids = append(ids, a.ID+"#"+strconv.Itoa(c-int(ix.firstChunk[ch.Article])))
			vecs = append(vecs, ix.vectors.row(c))
			metas = append(metas, map[string]string{"article_id": a.ID, "paper": a.Paper, "date": a.Date, "title": a.Headline()})
			contents = append(contents, ix.chunkText(c))
		}
		if len(ids) > 0 {
			ix.storeErr = store.addEmbedded(context.Background(), ids, vecs, metas, contents)
		}
		store.readOnly = true
		store.keep = ix.segs // the vectors are the segments' rows, in place in their mapped files
		ix.store = store
	})
	if ix.storeErr != nil {
		return nil, ix.storeErr
	}
	return ix.store, nil
}
