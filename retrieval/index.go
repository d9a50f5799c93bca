package retrieval

import (
	"context"
	"errors"

	"github.com/tmc/langchaingo/embeddings"

	"newsbot/corpus"
)

// Config chooses how an index is built and loaded.
type Config struct {
	// Embedder embeds chunks and queries; nil means the local offline embedder.
	Embedder embeddings.Embedder
	// EmbedderID names the embedder and its dimension, e.g. "local-hash-v1/512" or
	// "openai:text-embedding-3-small". It is recorded in a saved index; loading with another ID is an
	// error telling the user to re-ingest.
	EmbedderID string
	// DictWords are extra words for the Chinese segmenter (a --dict file), besides the names the
	// corpus itself yields (headlines, bylines, people).
	DictWords []string
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
	Article  corpus.Article
	Score    float64   // fused score, higher is better; comparable within one search only
	Coverage float64   // share (0..1) of the query's content terms found in the article: a confidence signal
	Dense    float64   // best cosine similarity of the article's chunks to the query
	Passages []Passage // best first
}

// Passage is a chunk of an article's text.
type Passage struct {
	Text  string  // Article.Text[Start:End]
	Start int     // byte offset into Article.Text
	End   int     // byte offset into Article.Text
	Score float64 // higher is better
}

// Index is a searchable library. It is safe for concurrent searches.
type Index struct{}

// Build chunks, embeds and indexes articles.
// TODO(retrieval): real implementation.
func Build(ctx context.Context, articles []corpus.Article, cfg Config) (*Index, error) {
	return nil, errors.New("retrieval: Build not implemented yet")
}

// Open loads an index saved by Save at path without re-embedding.
func Open(ctx context.Context, path string, cfg Config) (*Index, error) {
	return nil, errors.New("retrieval: Open not implemented yet")
}

// Save writes the index to path atomically (temp file, then rename).
func (ix *Index) Save(path string) error { return errors.New("retrieval: Save not implemented yet") }

// Search returns the articles that best answer query, best first.
func (ix *Index) Search(ctx context.Context, query string, opts SearchOptions) ([]Result, error) {
	return nil, errors.New("retrieval: Search not implemented yet")
}

// Articles lists the indexed articles in library order.
func (ix *Index) Articles() []corpus.Article { return nil }

// Article returns the article with the given ID.
func (ix *Index) Article(id string) (corpus.Article, bool) { return corpus.Article{}, false }

// Chunks is the number of indexed chunks.
func (ix *Index) Chunks() int { return 0 }

// NormalizeQuery folds a question for search: traditional to simplified, full-width to half-width,
// fillers (请问, 吗, 呢, 一下) dropped.
func NormalizeQuery(q string) string { return q }
