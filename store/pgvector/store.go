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

// ErrNoExtension is wrapped by New's error when the database lacks the pgvector extension
// ("vector"): not available on the server, or available but not installed and this role may not
// install it.
var ErrNoExtension = errors.New(`the pgvector extension ("vector") is missing`)

// ErrDimension is wrapped when vectors of another dimension than the table's are given: the
// table was filled by another embedder.
var ErrDimension = errors.New("vector dimension mismatch")

// New creates (when missing) the pgvector extension, the table and its HNSW index, and returns
// the store. dim is the embedder's vector size. A database without pgvector fails with
// ErrNoExtension, a table of another dimension with ErrDimension.
func New(ctx context.Context, pool *pgxpool.Pool, table string, dim int, embedder embeddings.Embedder) (*Store, error) {
	if !tableName.MatchString(table) {
		return nil, fmt.Errorf("pgvector: table name %q: want lower-case letters, digits and _", table)
	}
	if dim <= 0 || embedder == nil {
		return nil, errors.New("pgvector: New needs a positive dimension and an embedder")
	}
	if err := ensureExtension(ctx, pool); err != nil {
		return nil, err
	}
	for _, stmt := range []string{
		fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s (id text PRIMARY KEY, content text NOT NULL,
			metadata jsonb NOT NULL DEFAULT '{}', embedding vector(%d) NOT NULL, source text NOT NULL DEFAULT '')`, table, dim),
		fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s_source ON %s (source)", table, table),
		fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s_sources (source text PRIMARY KEY, stamp text NOT NULL)", table),
		fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s_embedder (one boolean PRIMARY KEY DEFAULT true CHECK (one),
			embedder text NOT NULL, dim integer NOT NULL, state bytea)`, table),
	} {
		if _, err := pool.Exec(ctx, stmt); err != nil {
			return nil, fmt.Errorf("pgvector: preparing table %s: %w", table, err)
		}
	}
	var have int
	err := pool.QueryRow(ctx, `SELECT atttypmod FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'embedding'`, table).Scan(&have)
	if err != nil {
		return nil, fmt.Errorf("pgvector: reading the dimension of table %s: %w", table, err)
	}
	if have != dim {
		return nil, fmt.Errorf("pgvector: table %s holds %d-dimensional vectors, the embedder gives %d: %w", table, have, dim, ErrDimension)
	}
	s := &Store{pool: pool, table: table, dim: dim, embedder: embedder}
	if err := s.ensureIndex(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// ensureExtension installs pgvector in the database unless it is there, or fails with
// ErrNoExtension.
func ensureExtension(ctx context.Context, pool *pgxpool.Pool) error {
	var installed, available bool
	err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector'),
		EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')`).Scan(&installed, &available)
	if err != nil {
		return fmt.Errorf("pgvector: looking for the extension: %w", err)
	}
	switch {
	case installed:
		return nil
	case !available:
		return fmt.Errorf("pgvector: %w: the server does not have it (install pgvector, https://github.com/pgvector/pgvector)", ErrNoExtension)
	}
	if _, err := pool.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS vector"); err != nil {
		return fmt.Errorf("pgvector: %w: the server has it but CREATE EXTENSION vector failed (run it as a superuser): %w", ErrNoExtension, err)
	}
	return nil
}

// ensureIndex creates the HNSW cosine index unless it exists, with BuildMemory for the build:
// an index whose graph outgrows maintenance_work_mem (64 MB by default, about 25,000 vectors of
// 512 dimensions) is built far more slowly.
func (s *Store) ensureIndex(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '"+BuildMemory+"'"); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s_hnsw ON %s USING hnsw (embedding vector_cosine_ops)", s.table, s.table))
		return err
	})
	if err != nil {
		return fmt.Errorf("pgvector: building the HNSW index of %s: %w", s.table, err)
	}
	return nil
}

// BuildMemory is maintenance_work_mem while the HNSW index is built.
var BuildMemory = "1GB"

// vectorText writes v as pgvector's text form, '[x,y,…]', each float32 exactly (shortest form
// that reads back as the same float32).
func vectorText(v []float32) string {
	var b strings.Builder
	b.Grow(len(v) * 12)
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(float64(x), 'g', -1, 32))
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
			return nil, fmt.Errorf("pgvector: document %d: embedder gave %d dimensions, the table has %d: %w", i, len(vecs[i]), s.dim, ErrDimension)
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
