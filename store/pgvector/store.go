package pgvector

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/schema"
	"github.com/tmc/langchaingo/vectorstores"
)

// Store is a vectorstores.VectorStore in one PostgreSQL table: id, content, metadata (jsonb) and
// a vector(dim) column under an HNSW cosine index. It is safe for concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	table    string
	dim      int
	embedder embeddings.Embedder
}

var _ vectorstores.VectorStore = (*Store)(nil)

var tableName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// New creates (when missing) the pgvector extension, the table and its HNSW index, and returns
// the store. dim is the embedder's vector size.
func New(ctx context.Context, pool *pgxpool.Pool, table string, dim int, embedder embeddings.Embedder) (*Store, error) {
	if !tableName.MatchString(table) {
		return nil, fmt.Errorf("pgvector: table name %q: want lower-case letters, digits and _", table)
	}
	if dim <= 0 || embedder == nil {
		return nil, errors.New("pgvector: New needs a positive dimension and an embedder")
	}
	for _, stmt := range []string{
		"CREATE EXTENSION IF NOT EXISTS vector",
		fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (id text PRIMARY KEY, content text NOT NULL,
			metadata jsonb NOT NULL DEFAULT '{}', embedding vector(%d) NOT NULL)`, table, dim),
		fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s_hnsw ON %s USING hnsw (embedding vector_cosine_ops)", table, table),
	} {
		if _, err := pool.Exec(ctx, stmt); err != nil {
			return nil, fmt.Errorf("pgvector: preparing table %s: %w", table, err)
		}
	}
	return &Store{pool: pool, table: table, dim: dim, embedder: embedder}, nil
}

// vectorText writes v as pgvector's text form, '[x,y,…]'.
func vectorText(v []float32) string {
	var b strings.Builder
	b.Grow(len(v) * 10)
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(float64(x), 'g', 7, 32))
	}
	b.WriteByte(']')
	return b.String()
}

func options(opts []vectorstores.Option) vectorstores.Options {
	var o vectorstores.Options
	for _, f := range opts {
		f(&o)
	}
	return o
}

// AddDocuments embeds docs and stores them (replacing a document with the same ID). A document's
// ID is its metadata "id" when that is a non-empty string, else a hash of its content (the same
// text added twice is stored once). It returns the IDs.
func (s *Store) AddDocuments(ctx context.Context, docs []schema.Document, opts ...vectorstores.Option) ([]string, error) {
	o := options(opts)
	emb := s.embedder
	if o.Embedder != nil {
		emb = o.Embedder
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.PageContent
	}
	vecs, err := emb.EmbedDocuments(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("pgvector: embed %d documents: %w", len(docs), err)
	}
	if len(vecs) != len(docs) {
		return nil, fmt.Errorf("pgvector: embedder returned %d vectors for %d documents", len(vecs), len(docs))
	}
	ids := make([]string, len(docs))
	batch := &pgx.Batch{}
	stmt := fmt.Sprintf(`INSERT INTO %s (id, content, metadata, embedding) VALUES ($1, $2, $3::jsonb, $4::vector)
		ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content, metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`, s.table)
	for i, d := range docs {
		if len(vecs[i]) != s.dim {
			return nil, fmt.Errorf("pgvector: document %d: embedder gave %d dimensions, the table has %d", i, len(vecs[i]), s.dim)
		}
		id, _ := d.Metadata["id"].(string)
		if id == "" {
			sum := sha256.Sum256([]byte(d.PageContent))
			id = "doc-" + hex.EncodeToString(sum[:12])
		}
		meta, err := json.Marshal(d.Metadata)
		if err != nil {
			return nil, fmt.Errorf("pgvector: document %s metadata: %w", id, err)
		}
		ids[i] = id
		batch.Queue(stmt, id, d.PageContent, string(meta), vectorText(vecs[i]))
	}
	if err := s.pool.SendBatch(ctx, batch).Close(); err != nil {
		return nil, fmt.Errorf("pgvector: storing %d documents: %w", len(docs), err)
	}
	return ids, nil
}

// SimilaritySearch returns the numDocuments documents nearest to query by cosine similarity,
// each with Score = 1 - cosine distance, dropping those under WithScoreThreshold. WithFilters
// takes a map of metadata values a document must hold (jsonb containment).
func (s *Store) SimilaritySearch(ctx context.Context, query string, numDocuments int, opts ...vectorstores.Option) ([]schema.Document, error) {
	if numDocuments <= 0 {
		return nil, nil
	}
	o := options(opts)
	emb := s.embedder
	if o.Embedder != nil {
		emb = o.Embedder
	}
	qv, err := emb.EmbedQuery(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("pgvector: embed query: %w", err)
	}
	filter := "{}"
	if o.Filters != nil {
		f, ok := o.Filters.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("pgvector: WithFilters wants a map[string]any of metadata values, got %T", o.Filters)
		}
		raw, err := json.Marshal(f)
		if err != nil {
			return nil, fmt.Errorf("pgvector: filters: %w", err)
		}
		filter = string(raw)
	}
	var out []schema.Document
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The HNSW scan's candidate list: pgvector's default (40) loses recall a brute-force scan has.
		if _, err := tx.Exec(ctx, "SET LOCAL hnsw.ef_search = "+strconv.Itoa(max(EfSearch, numDocuments))); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT id, content, metadata, 1 - (embedding <=> $1::vector) AS score
			FROM %s WHERE metadata @> $3::jsonb ORDER BY embedding <=> $1::vector LIMIT $2`, s.table),
			vectorText(qv), numDocuments, filter)
		if err != nil {
			return err
		}
		out, err = collect(rows, o.ScoreThreshold)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgvector: search: %w", err)
	}
	return out, nil
}

// EfSearch is the HNSW candidate list size of a search (hnsw.ef_search).
var EfSearch = 200

func collect(rows pgx.Rows, threshold float32) ([]schema.Document, error) {
	defer rows.Close()
	var out []schema.Document
	for rows.Next() {
		var id, content string
		var meta []byte
		var score float64
		if err := rows.Scan(&id, &content, &meta, &score); err != nil {
			return nil, err
		}
		if threshold > 0 && float32(score) < threshold {
			continue
		}
		d := schema.Document{PageContent: content, Score: float32(score), Metadata: map[string]any{}}
		_ = json.Unmarshal(meta, &d.Metadata)
		d.Metadata["id"] = id
		out = append(out, d)
	}
	return out, rows.Err()
}
