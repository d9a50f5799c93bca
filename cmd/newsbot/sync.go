package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"time"

	"newsbot/corpus"
	"newsbot/retrieval"
)

// libraryView is what a writer indexes: the library, or a run of writes read as the library
// will be once it is committed (so that the index is saved before the run's editions go in).
type libraryView interface {
	Stamps() (map[string]string, error)
	Edition(id string) (*corpus.Edition, error)
	Editions() ([]*corpus.Edition, error)
	Articles() ([]corpus.Article, error)
}

// indexSaveHookKey carries a test's hook, called at the moment a writer is about to save the
// index (to interrupt it there).
type indexSaveHookKey struct{}

// beforeIndexSave is the last moment a writer may stop and leave everything as it was: it
// returns ctx's error when the writer was interrupted (Ctrl-C, SIGTERM). Once the index save has
// begun it is carried through, and an ingest's editions committed after it.
func beforeIndexSave(ctx context.Context) error {
	if h, ok := ctx.Value(indexSaveHookKey{}).(func(context.Context)); ok {
		h(ctx)
	}
	return ctx.Err()
}

// updateIndex, for a writer holding the library's lock, brings the saved index up to date with
// the library and saves it: the editions it lacks or holds stale are added as one new segment and
// those gone from the library tombstoned; only the new segment and the manifest are written.
// Compaction is the caller's next step (compactIndex), once the new editions are saved and
// served. current, when given, is an earlier version of the saved index (a server's), so only
// the segments it lacks are read. A missing index, or one saved before indexes tracked editions,
// is rebuilt. A crash at any moment leaves the previous index, which the next update brings up
// to date again. An index in an older file format is rebuilt, saying so.
func (a *app) updateIndex(ctx context.Context, lib libraryView, dir string, cfg retrieval.Config, log *slog.Logger, current *retrieval.Index) (*retrieval.Index, error) {
	path := filepath.Join(dir, indexFile)
	ix, err := openIndex(ctx, path, cfg, current)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && len(ix.Sources()) == 0):
		return a.rebuildIndex(ctx, lib, dir, cfg, log)
	case errors.Is(err, retrieval.ErrIndexFormat):
		log.Warn("the search index was saved by an older newsbot; rebuilding it", "index", path, "err", err)
		return a.rebuildIndex(ctx, lib, dir, cfg, log)
	case err != nil:
		return nil, fmt.Errorf("load search index: %w (run 'newsbot ingest --reindex' to rebuild it)", err)
	}
	stamps, err := lib.Stamps()
	if err != nil {
		return nil, dataError(fmt.Errorf("read library %s: %w", dir, err))
	}
	start := time.Now()
	next, changed, err := a.catchUp(ctx, lib, ix, stamps)
	if err != nil || !changed {
		return next, err
	}
	if err := beforeIndexSave(ctx); err != nil {
		return nil, err
	}
	if err := next.Save(path); err != nil {
		return nil, dataError(fmt.Errorf("save search index (the library keeps its previous index): %w", err))
	}
	log.Info("search index updated", "articles", len(next.Articles()), "chunks", next.Chunks(),
		"segments", next.Segments(), "took", time.Since(start).Round(time.Millisecond))
	return next, nil
}

// compactIndex, for a writer holding the library's lock, rewrites ix, the saved index, as one
// segment and saves it when its tombstones or segments pass retrieval's thresholds; otherwise it
// returns ix. ix stays the saved index, whole, until the compacted base file is renamed over it
// (the manifest of ix's generation is then ignored), so readers answer from ix meanwhile and a
// crash at any moment leaves one of the two.
func (a *app) compactIndex(ctx context.Context, dir string, cfg retrieval.Config, log *slog.Logger, ix *retrieval.Index) (*retrieval.Index, error) {
	if !ix.NeedsCompaction() {
		return ix, nil
	}
	start := time.Now()
	next, err := ix.Compact(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("compact search index: %w", err)
	}
	if h := compactHook(ctx); h != nil {
		h()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("compact search index: %w", err) // stopping: the saved index stays as it was
	}
	if err := next.Save(filepath.Join(dir, indexFile)); err != nil {
		return nil, dataError(fmt.Errorf("save compacted search index (the library keeps its previous index): %w", err))
	}
	log.Info("search index compacted", "articles", len(next.Articles()), "chunks", next.Chunks(),
		"segments_before", ix.Segments(), "dead_share", ix.DeadShare(), "took", time.Since(start).Round(time.Millisecond))
	return next, nil
}

// compactHookKey carries a test's hook, called by a compaction between compacting the index and
// saving it.
type compactHookKey struct{}

func compactHook(ctx context.Context) func() {
	h, _ := ctx.Value(compactHookKey{}).(func())
	return h
}

// catchUp returns ix with the library's editions it lacks or holds stale (by stamp) added as one
// segment and the editions gone from the library tombstoned, in memory, and whether anything
// changed.
func (a *app) catchUp(ctx context.Context, lib libraryView, ix *retrieval.Index, stamps map[string]string) (*retrieval.Index, bool, error) {
	have := ix.Sources()
	var add []retrieval.Batch
	var gone []string
	for _, id := range sortedKeys(stamps) {
		if have[id] == stamps[id] {
			continue
		}
		ed, err := lib.Edition(id)
		if errors.Is(err, corpus.ErrCorruptEdition) || errors.Is(err, fs.ErrNotExist) {
			delete(stamps, id) // as a rebuild, leave out what readers skip (the next writer quarantines it)
			continue
		}
		if err != nil {
			return nil, false, dataError(fmt.Errorf("read library: %w", err))
		}
		add = append(add, retrieval.Batch{Source: id, Stamp: stamps[id], Articles: ed.Articles})
	}
	for _, id := range sortedKeys(have) {
		if _, ok := stamps[id]; !ok {
			gone = append(gone, id)
		}
	}
	if len(add) == 0 && len(gone) == 0 {
		return ix, false, nil
	}
	next, err := ix.Update(ctx, add, gone, nil)
	if err != nil {
		return nil, false, fmt.Errorf("update search index: %w", err)
	}
	return next, true, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
