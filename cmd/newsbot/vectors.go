package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/tmc/langchaingo/embeddings"

	"newsbot/corpus"
	"newsbot/retrieval"
	"newsbot/store/pgvector"
	"newsbot/store/postgres"
)

// defaultVectorsTable is the table of the chunk vectors with --vectors pgvector, unless
// NEWSBOT_VECTORS_TABLE names another (several bots sharing one database).
const defaultVectorsTable = "newsbot_chunk_vectors"

func (a *app) vectorsTable() string {
	return firstNonEmpty(a.getenv("NEWSBOT_VECTORS_TABLE"), defaultVectorsTable)
}

// vectorsLock is the advisory lock (in the library's database) under which editions are stored
// with their vectors, so a replica following the library never finds an edition whose vectors
// are still being written (it would embed them itself).
const vectorsLock = "pgvector-write"

// pgvectorOn reports whether the dense half lives in PostgreSQL (--vectors pgvector), checking
// the setting: memory or pgvector, and pgvector only with a database.
func (a *app) pgvectorOn() (bool, error) {
	switch a.g.vectors {
	case "", "memory":
		return false, nil
	case "pgvector":
		if a.g.databaseURL == "" {
			return false, usagef("--vectors pgvector (NEWSBOT_VECTORS) needs --database-url (NEWSBOT_DATABASE_URL): the vectors are kept beside the library")
		}
		return true, nil
	default:
		return false, usagef("--vectors (NEWSBOT_VECTORS): want memory or pgvector, got %q", a.g.vectors)
	}
}

// vectorsURL is the database holding the vectors: NEWSBOT_VECTORS_URL, else the library's.
func (a *app) vectorsURL() string {
	return firstNonEmpty(a.getenv("NEWSBOT_VECTORS_URL"), a.g.databaseURL)
}

// vectorStore opens the pgvector table once per process (creating the extension, the table and
// its index when missing). A database without pgvector, or a table of another dimension than
// the configured embedder's, is bad usage (exit 2) naming the database.
func (a *app) vectorStore(ctx context.Context, cfg retrieval.Config) (*pgvector.Store, error) {
	a.vecOnce.Do(func() {
		octx, cancel := context.WithTimeout(ctx, databaseOpenTimeout)
		defer cancel()
		a.vecStore, a.vecErr = a.openVectorStore(octx, cfg)
	})
	return a.vecStore, a.vecErr
}

func (a *app) openVectorStore(ctx context.Context, cfg retrieval.Config) (*pgvector.Store, error) {
	label := postgres.Redact(a.vectorsURL())
	dim, emb, err := embedderDim(ctx, cfg)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, a.vectorsURL())
	if err == nil {
		err = pool.Ping(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("--vectors pgvector: database %s: %w", label, err)
	}
	a.vecPool = pool
	if a.refit {
		// 'ingest --reindex' may change the embedder and its dimension: the table is made anew.
		if err := pgvector.Drop(ctx, pool, a.vectorsTable()); err != nil {
			return nil, fmt.Errorf("--vectors pgvector: database %s: %w", label, err)
		}
	}
	s, err := pgvector.New(ctx, pool, a.vectorsTable(), dim, emb)
	switch {
	case errors.Is(err, pgvector.ErrNoExtension):
		return nil, usageError{fmt.Errorf("--vectors pgvector: database %s: %w", label, err)}
	case errors.Is(err, pgvector.ErrDimension):
		return nil, usageError{fmt.Errorf("--vectors pgvector: database %s: %w (set NEWSBOT_EMBEDDER back, or rebuild the vectors with 'newsbot ingest --reindex')", label, err)}
	}
	if err != nil {
		return nil, fmt.Errorf("--vectors pgvector: database %s: %w", label, err)
	}
	return s, nil
}

// embedderDim is the dimension of the configured embedder's vectors and the embedder (the local
// one unfitted when none is configured): a remote embedder is asked once.
func embedderDim(ctx context.Context, cfg retrieval.Config) (int, embeddings.Embedder, error) {
	if cfg.Embedder == nil {
		le := retrieval.NewLocalEmbedder(0)
		return le.Dim(), le, nil
	}
	v, err := cfg.Embedder.EmbedQuery(ctx, "维度")
	if err != nil {
		return 0, nil, fmt.Errorf("--vectors pgvector: embedding a probe to learn the dimension with %s: %w", cfg.EmbedderID, err)
	}
	return len(v), cfg.Embedder, nil
}

// sharedEmbedder returns cfg with the embedder the stored vectors were embedded with, which
// every process embeds queries and new chunks with, and a hash naming its state (a change means
// a rebuild: every vector was rewritten). ok is false when no vectors were stored yet. Another
// embedder than the configured one is bad usage.
func (a *app) sharedEmbedder(ctx context.Context, vs *pgvector.Store, cfg retrieval.Config) (retrieval.Config, uint64, bool, error) {
	id, state, err := vs.Embedder(ctx)
	if errors.Is(err, pgvector.ErrNoEmbedder) {
		return cfg, 0, false, nil
	}
	if err != nil {
		return cfg, 0, false, err
	}
	want := cfg.EmbedderID
	if cfg.Embedder == nil {
		want = retrieval.NewLocalEmbedder(0).ID()
	}
	if id != want {
		return cfg, 0, false, usagef("--vectors pgvector: the vectors in %s of database %s were embedded by %s, the configured embedder is %s: set NEWSBOT_EMBEDDER back, or rebuild them with 'newsbot ingest --reindex'",
			a.vectorsTable(), postgres.Redact(a.vectorsURL()), id, want)
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	h.Write(state)
	if state != nil {
		le, err := retrieval.UnmarshalLocalEmbedder(id, state)
		if err != nil {
			return cfg, 0, false, fmt.Errorf("--vectors pgvector: the embedder stored in %s: %w", a.vectorsTable(), err)
		}
		cfg.Embedder = le
	}
	cfg.EmbedderID = id
	return cfg, h.Sum64(), true, nil
}

// writeVectors brings the pgvector table up to the library's editions: the editions whose
// vectors are missing or stale (by stamp) are embedded and stored, one transaction each, those
// gone from the library removed. With refit, or when no vectors were stored yet, the embedder
// is fitted on the whole library first (the local embedder's IDF) and every vector rewritten.
// The caller holds vectorsLock. It returns how many editions it embedded.
func (a *app) writeVectors(ctx context.Context, st *postgres.Store, vs *pgvector.Store, cfg retrieval.Config, refit bool, log *slog.Logger) (int, error) {
	stamps, _, err := st.Stamps(ctx)
	if err != nil {
		return 0, err
	}
	shared, _, ok, err := a.sharedEmbedder(ctx, vs, cfg)
	if err != nil && !(refit && errors.As(err, new(usageError))) {
		return 0, err
	}
	if len(stamps) == 0 && !refit {
		return 0, nil // the built-in edition is served, indexed in process
	}
	start := time.Now()
	if refit || !ok {
		if shared, err = a.fitSharedEmbedder(ctx, st, vs, cfg); err != nil {
			return 0, err
		}
	}
	have, err := vs.Sources(ctx)
	if err != nil {
		return 0, err
	}
	var add, gone []string
	for _, id := range sortedKeys(stamps) {
		if have[id] != stamps[id] {
			add = append(add, id)
		}
	}
	for _, id := range sortedKeys(have) {
		if _, ok := stamps[id]; !ok {
			gone = append(gone, id)
		}
	}
	load := func() error {
		for _, id := range add {
			ed, stamp, err := st.Edition(ctx, id)
			if err != nil {
				return err
			}
			if ed == nil {
				continue // removed meanwhile
			}
			cvs, err := retrieval.EmbedChunks(ctx, ed.Articles, shared.Embedder, shared.EmbedderID)
			if err != nil {
				return fmt.Errorf("embedding edition %s for pgvector: %w", id, err)
			}
			if err := vs.PutSource(ctx, id, stamp, cvs); err != nil {
				return err
			}
		}
		return vs.RemoveSources(ctx, gone)
	}
	if len(have) == 0 && len(add) > 0 {
		err = vs.Bulk(ctx, load) // a first fill: the HNSW index is built once, after the rows
	} else {
		err = load()
	}
	if err != nil {
		return 0, err
	}
	if len(add) > 0 || len(gone) > 0 {
		log.Info("pgvector: vectors written", "editions_embedded", len(add), "editions_removed", len(gone),
			"table", vs.Table(), "took", time.Since(start).Round(time.Millisecond))
	}
	return len(add), nil
}

// fitSharedEmbedder fits the embedder on the library's articles and records it beside the
// vectors, emptying the table (every vector is written again with it).
func (a *app) fitSharedEmbedder(ctx context.Context, st *postgres.Store, vs *pgvector.Store, cfg retrieval.Config) (retrieval.Config, error) {
	eds, _, err := st.Editions(ctx)
	if err != nil {
		return cfg, err
	}
	var arts []corpus.Article
	for _, ed := range eds {
		arts = append(arts, ed.Articles...)
	}
	emb, id, err := retrieval.FitEmbedder(cfg, arts)
	if err != nil {
		return cfg, err
	}
	if err := vs.SetEmbedder(ctx, id, retrieval.MarshalEmbedder(emb)); err != nil {
		return cfg, err
	}
	cfg.Embedder, cfg.EmbedderID = emb, id
	return cfg, nil
}

// storeEditions stores editions in the database; with --vectors pgvector their vectors too,
// under vectorsLock, so that replicas find both (after 'ingest --reindex', a.refit, all of them
// with the embedder fitted anew). It returns how many stored editions were replaced.
func (a *app) storeEditions(ctx context.Context, st *postgres.Store, eds []*corpus.Edition) (int, error) {
	on, err := a.pgvectorOn()
	if err != nil || !on {
		if err != nil {
			return 0, err
		}
		return st.AddEditions(ctx, eds)
	}
	cfg, err := a.retrievalConfig()
	if err != nil {
		return 0, err
	}
	vs, err := a.vectorStore(ctx, cfg)
	if err != nil {
		return 0, err
	}
	log, err := a.logger()
	if err != nil {
		return 0, err
	}
	replaced := 0
	err = st.Exclusive(ctx, vectorsLock, func(ctx context.Context) error {
		if replaced, err = st.AddEditions(ctx, eds); err != nil {
			return err
		}
		if _, err := a.writeVectors(ctx, st, vs, cfg, a.refit, log); err != nil {
			return err
		}
		if a.refit {
			return st.Touch(ctx) // every replica rebuilds its index with the new embedder
		}
		return nil
	})
	return replaced, err
}

// denseConfig, with --vectors pgvector, makes sure the vectors of every edition of the database
// are stored (a writer normally stored them already: then nothing is embedded here) and returns
// cfg with the pgvector store as the index's dense half and the shared embedder, and whether a
// rebuild changed that embedder since the index current was built (it must then be rebuilt).
func (a *app) denseConfig(ctx context.Context, st *postgres.Store, cfg retrieval.Config, log *slog.Logger) (retrieval.Config, bool, error) {
	if on, err := a.pgvectorOn(); err != nil || !on {
		return cfg, false, err
	}
	vs, err := a.vectorStore(ctx, cfg)
	if err != nil {
		return cfg, false, err
	}
	err = st.Exclusive(ctx, vectorsLock, func(ctx context.Context) error {
		_, err := a.writeVectors(ctx, st, vs, cfg, false, log)
		return err
	})
	if err != nil {
		return cfg, false, err
	}
	shared, gen, ok, err := a.sharedEmbedder(ctx, vs, cfg)
	if err != nil || !ok {
		return cfg, false, err // no editions: the built-in edition, in process
	}
	changed := a.vecGen.Swap(gen) != gen
	shared.Dense = vs
	return shared, changed, nil
}
