package pgvector

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"newsbot/retrieval"
)

// The Store is the dense half of retrieval's fused search when the vectors live in PostgreSQL:
// readers search it (Nearest, Similarities), writers fill it by source (an edition) with the
// chunks retrieval.EmbedChunks embeds (PutSource, RemoveSources), and the embedder they all embed
// with is kept beside the vectors (Embedder, SetEmbedder).
var _ retrieval.DenseStore = (*Store)(nil)

// Dim is the dimension of the stored vectors.
func (s *Store) Dim() int { return s.dim }

// Table is the table holding the vectors.
func (s *Store) Table() string { return s.table }

// Nearest returns up to k chunks nearest to q by cosine similarity, best first (the HNSW index,
// its candidate list at least max(EfSearch, k)).
func (s *Store) Nearest(ctx context.Context, q []float32, k int) ([]retrieval.DenseHit, error) {
	if len(q) != s.dim {
		return nil, fmt.Errorf("pgvector: a query of %d dimensions, the table has %d: %w", len(q), s.dim, ErrDimension)
	}
	var out []retrieval.DenseHit
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL hnsw.ef_search = "+strconv.Itoa(min(1000, max(EfSearch, k)))); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, fmt.Sprintf(`SELECT id, 1 - (embedding <=> $1::vector) FROM %s
			ORDER BY embedding <=> $1::vector LIMIT $2`, s.table), vectorText(q), k)
		if err != nil {
			return err
		}
		out, err = scanHits(rows, k)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pgvector: nearest chunks in %s: %w", s.table, err)
	}
	return out, nil
}

// Similarities returns the cosine similarity of q to each named chunk the table holds.
func (s *Store) Similarities(ctx context.Context, q []float32, keys []string) (map[string]float64, error) {
	if len(keys) == 0 {
		return map[string]float64{}, nil
	}
	rows, err := s.pool.Query(ctx, fmt.Sprintf(`SELECT id, 1 - (embedding <=> $1::vector) FROM %s WHERE id = ANY($2)`, s.table),
		vectorText(q), keys)
	if err != nil {
		return nil, fmt.Errorf("pgvector: similarities in %s: %w", s.table, err)
	}
	hits, err := scanHits(rows, len(keys))
	if err != nil {
		return nil, fmt.Errorf("pgvector: similarities in %s: %w", s.table, err)
	}
	out := make(map[string]float64, len(hits))
	for _, h := range hits {
		out[h.Key] = h.Score
	}
	return out, nil
}

func scanHits(rows pgx.Rows, capacity int) ([]retrieval.DenseHit, error) {
	defer rows.Close()
	out := make([]retrieval.DenseHit, 0, capacity)
	for rows.Next() {
		var h retrieval.DenseHit
		if err := rows.Scan(&h.Key, &h.Score); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Sources returns the sources whose vectors the table holds, with the stamps PutSource stored.
func (s *Store) Sources(ctx context.Context) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf("SELECT source, stamp FROM %s_sources", s.table))
	if err != nil {
		return nil, fmt.Errorf("pgvector: sources of %s: %w", s.table, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var src, stamp string
		if err := rows.Scan(&src, &stamp); err != nil {
			return nil, fmt.Errorf("pgvector: sources of %s: %w", s.table, err)
		}
		out[src] = stamp
	}
	return out, rows.Err()
}

// insertRows is how many chunks one INSERT carries (5 parameters each, far under PostgreSQL's
// 65,535): multi-row statements, since PGlite's wire server has no COPY.
const insertRows = 200

// PutSource stores the chunks of source, replacing every chunk it had, and its stamp, in one
// transaction: readers see the old chunks or the new ones.
func (s *Store) PutSource(ctx context.Context, source, stamp string, chunks []retrieval.ChunkVector) error {
	for _, c := range chunks {
		if len(c.Vector) != s.dim {
			return fmt.Errorf("pgvector: chunk %s has %d dimensions, the table %s has %d: %w", c.Key, len(c.Vector), s.table, s.dim, ErrDimension)
		}
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, fmt.Sprintf("DELETE FROM %s WHERE source = $1", s.table), source); err != nil {
			return err
		}
		for lo := 0; lo < len(chunks); lo += insertRows {
			if err := s.insert(ctx, tx, source, chunks[lo:min(lo+insertRows, len(chunks))]); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, fmt.Sprintf(`INSERT INTO %s_sources (source, stamp) VALUES ($1, $2)
			ON CONFLICT (source) DO UPDATE SET stamp = EXCLUDED.stamp`, s.table), source, stamp)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgvector: storing the %d chunks of %s in %s: %w", len(chunks), source, s.table, err)
	}
	return nil
}

// insert adds chunks of source in one statement (a chunk key another source holds moves here).
func (s *Store) insert(ctx context.Context, tx pgx.Tx, source string, chunks []retrieval.ChunkVector) error {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (id, source, content, metadata, embedding) VALUES ", s.table)
	args := make([]any, 0, 5*len(chunks))
	for i, c := range chunks {
		if i > 0 {
			b.WriteByte(',')
		}
		n := len(args)
		fmt.Fprintf(&b, "($%d, $%d, $%d, $%d::jsonb, $%d::vector)", n+1, n+2, n+3, n+4, n+5)
		meta := `{"article_id":` + strconv.Quote(c.ArticleID) + `}`
		args = append(args, c.Key, source, c.Text, meta, vectorText(c.Vector))
	}
	b.WriteString(` ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, content = EXCLUDED.content,
		metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`)
	_, err := tx.Exec(ctx, b.String(), args...)
	return err
}

// RemoveSources deletes the chunks and stamps of sources.
func (s *Store) RemoveSources(ctx context.Context, sources []string) error {
	if len(sources) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, fmt.Sprintf("DELETE FROM %s WHERE source = ANY($1)", s.table), sources); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, fmt.Sprintf("DELETE FROM %s_sources WHERE source = ANY($1)", s.table), sources)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgvector: removing %d sources from %s: %w", len(sources), s.table, err)
	}
	return nil
}

// Bulk runs load without the HNSW index and builds it after: building it once over all the rows
// is far faster than keeping it current row by row (for a first fill).
func (s *Store) Bulk(ctx context.Context, load func() error) error {
	if _, err := s.pool.Exec(ctx, fmt.Sprintf("DROP INDEX IF EXISTS %s_hnsw", s.table)); err != nil {
		return fmt.Errorf("pgvector: dropping the HNSW index of %s: %w", s.table, err)
	}
	if err := load(); err != nil {
		return err
	}
	return s.ensureIndex(ctx)
}

// ErrNoEmbedder is returned by Embedder when no embedder was recorded yet.
var ErrNoEmbedder = errors.New("pgvector: no embedder recorded")

// Embedder returns the embedder ID and state (retrieval.MarshalEmbedder) the stored vectors were
// embedded with, or ErrNoEmbedder.
func (s *Store) Embedder(ctx context.Context) (id string, state []byte, err error) {
	var dim int
	err = s.pool.QueryRow(ctx, fmt.Sprintf("SELECT embedder, dim, state FROM %s_embedder", s.table)).Scan(&id, &dim, &state)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, ErrNoEmbedder
	}
	if err != nil {
		return "", nil, fmt.Errorf("pgvector: reading the embedder of %s: %w", s.table, err)
	}
	return id, state, nil
}

// SetEmbedder records the embedder the vectors are embedded with, removing every vector stored
// before (they were embedded otherwise): a first fill or a rebuild.
func (s *Store) SetEmbedder(ctx context.Context, id string, state []byte) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, stmt := range []string{"DELETE FROM %s", "DELETE FROM %s_sources", "DELETE FROM %s_embedder"} {
			if _, err := tx.Exec(ctx, fmt.Sprintf(stmt, s.table)); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, fmt.Sprintf("INSERT INTO %s_embedder (embedder, dim, state) VALUES ($1, $2, $3)", s.table), id, s.dim, state)
		return err
	})
	if err != nil {
		return fmt.Errorf("pgvector: recording the embedder of %s: %w", s.table, err)
	}
	return nil
}

// Drop removes table and its companion tables (a rebuild with another embedder, whose vectors
// may have another dimension).
func Drop(ctx context.Context, pool *pgxpool.Pool, table string) error {
	if !tableName.MatchString(table) {
		return fmt.Errorf("pgvector: table name %q: want lower-case letters, digits and _", table)
	}
	_, err := pool.Exec(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %s, %s_sources, %s_embedder", table, table, table))
	if err != nil {
		return fmt.Errorf("pgvector: dropping %s: %w", table, err)
	}
	return nil
}
