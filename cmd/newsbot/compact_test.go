package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsbot/bot/metrics"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// compactionFixture is a library of two editions ingested one at a time (an index of two
// segments), a server's engine and reloader over it, and the library with its first edition
// removed, so that the next save tombstones half the index and compacts it. hook runs between
// compacting and saving.
func compactionFixture(t *testing.T, hook func()) (ctx context.Context, a *app, rl *reloader, lib *corpus.Library, kept *corpus.Edition) {
	t.Helper()
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	for i, name := range []string{"2024-11-01.txt", "2024-11-02.txt"} {
		if _, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, name, i)); err != nil {
			t.Fatalf("ingest %s: %v\n%s", name, err, stderr)
		}
	}
	a = &app{g: newGlobals(e.get, nil), getenv: e.get, stdout: io.Discard, stderr: io.Discard}
	log := slog.New(slog.DiscardHandler)
	m := metrics.New()
	ctx = context.WithValue(context.Background(), compactHookKey{}, hook)
	eng, err := a.engine(ctx, log, m)
	if err != nil {
		t.Fatal(err)
	}
	rl = a.reloader(eng, log, m)
	if lib, err = corpus.OpenLibrary(data); err != nil {
		t.Fatal(err)
	}
	eds, err := lib.Editions()
	if err != nil || len(eds) != 2 {
		t.Fatalf("library: %d editions, %v", len(eds), err)
	}
	if err := lib.Remove(eds[0].ID); err != nil {
		t.Fatal(err)
	}
	return ctx, a, rl, lib, eds[1]
}

// savedIndex opens the index saved in the library as a new process would.
func savedIndex(t *testing.T, lib *corpus.Library) *retrieval.Index {
	t.Helper()
	ix, err := retrieval.Open(context.Background(), filepath.Join(lib.Dir(), indexFile), retrieval.Config{})
	if err != nil {
		t.Fatalf("open the saved index: %v", err)
	}
	return ix
}

func articleIDs(arts []corpus.Article) []string {
	ids := make([]string, 0, len(arts))
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestCompactionInBackground: a server's scheduled ingest that tombstones past the threshold
// saves and serves the new index version at once; compaction then runs in the background while
// the server answers from that version, and the compacted index is saved and swapped in.
func TestCompactionInBackground(t *testing.T) {
	reached, proceed := make(chan struct{}), make(chan struct{})
	ctx, _, rl, lib, kept := compactionFixture(t, func() { close(reached); <-proceed })
	want := articleIDs(kept.Articles)
	if err := rl.save(ctx, lib); err != nil {
		t.Fatalf("save: %v", err)
	}
	<-reached // compacted in memory, not yet saved or swapped in
	ix := rl.eng.Index()
	if ix.Segments() != 3 || !ix.NeedsCompaction() || !slices.Equal(articleIDs(ix.Articles()), want) {
		t.Fatalf("during compaction the server serves %d segments, articles %v; want the update's 3 segments holding %v",
			ix.Segments(), articleIDs(ix.Articles()), want)
	}
	ans, err := rl.eng.Ask(ctx, "", "达茂旗的总面积是多少？")
	if err != nil || !ans.Found || !strings.Contains(ans.Answer, "18177") || !slices.Contains(want, ans.Citations[0].ArticleID) {
		t.Fatalf("answer during compaction: %v %+v", err, ans)
	}
	if saved := savedIndex(t, lib); saved.Segments() != 3 || !slices.Equal(articleIDs(saved.Articles()), want) {
		t.Errorf("saved during compaction: %d segments, articles %v", saved.Segments(), articleIDs(saved.Articles()))
	}
	close(proceed)
	rl.bg.Wait()
	ix = rl.eng.Index()
	if ix.Segments() != 1 || ix.NeedsCompaction() || !slices.Equal(articleIDs(ix.Articles()), want) {
		t.Fatalf("after compaction the server serves %d segments, articles %v; want one holding %v", ix.Segments(), articleIDs(ix.Articles()), want)
	}
	if saved := savedIndex(t, lib); saved.Segments() != 1 || !slices.Equal(articleIDs(saved.Articles()), want) {
		t.Errorf("saved after compaction: %d segments, articles %v", saved.Segments(), articleIDs(saved.Articles()))
	}
	wl, err := lib.Lock(ctx, corpus.LockOptions{NoWait: true})
	if err != nil {
		t.Fatalf("the compaction kept the writers' lock: %v", err)
	}
	_ = wl.Unlock()
}

// TestCompactionStoppedKeepsIndex: a server stopped while it compacts keeps serving, and leaves
// saved, the index version it had saved before compacting, which a new process opens whole; the
// next writer compacts it.
func TestCompactionStoppedKeepsIndex(t *testing.T) {
	var cancel context.CancelFunc
	ctx, a, rl, lib, kept := compactionFixture(t, func() { cancel() }) // the server stops mid-compaction
	ctx, cancel = context.WithCancel(ctx)
	defer cancel()
	want := articleIDs(kept.Articles)
	if err := rl.save(ctx, lib); err != nil {
		t.Fatalf("save: %v", err)
	}
	rl.bg.Wait()
	if ix := rl.eng.Index(); ix.Segments() != 3 || !slices.Equal(articleIDs(ix.Articles()), want) {
		t.Fatalf("after a stopped compaction the server serves %d segments, articles %v", ix.Segments(), articleIDs(ix.Articles()))
	}
	if saved := savedIndex(t, lib); saved.Segments() != 3 || !slices.Equal(articleIDs(saved.Articles()), want) {
		t.Fatalf("saved after a stopped compaction: %d segments, articles %v", saved.Segments(), articleIDs(saved.Articles()))
	}
	e := env{"NEWSBOT_DATA": lib.Dir()}
	out, stderr, err := runCmd(t, e, "", "ask", "达茂旗的总面积是多少？")
	if err != nil || !strings.Contains(out, "18177") {
		t.Fatalf("ask after a stopped compaction: %v %q\n%s", err, out, stderr)
	}
	cfg, err := a.retrievalConfig()
	if err != nil {
		t.Fatal(err)
	}
	wl, err := lib.Lock(context.Background(), corpus.LockOptions{NoWait: true})
	if err != nil {
		t.Fatalf("the stopped compaction kept the writers' lock: %v", err)
	}
	defer func() { _ = wl.Unlock() }()
	ix, err := a.compactIndex(context.Background(), lib.Dir(), cfg, slog.New(slog.DiscardHandler), savedIndex(t, lib))
	if err != nil || ix.Segments() != 1 || savedIndex(t, lib).Segments() != 1 {
		t.Fatalf("the next writer's compaction: %v", err)
	}
}

// TestIngestCompactsAfterCommit: an ingest whose replaced edition tombstones past the threshold
// commits its editions with the index saved as a new segment first, and compacts after: while it
// compacts, the saved index is that segmented version, holding the new edition.
func TestIngestCompactsAfterCommit(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	e := env{"NEWSBOT_DATA": data}
	for i, name := range []string{"2024-11-01.txt", "2024-11-02.txt"} {
		if _, stderr, err := runCmd(t, e, "", "ingest", builtinEditionFile(t, in, name, i)); err != nil {
			t.Fatalf("ingest %s: %v\n%s", name, err, stderr)
		}
	}
	lib, err := corpus.OpenLibrary(data)
	if err != nil {
		t.Fatal(err)
	}
	var during *retrieval.Index
	ctx := context.WithValue(context.Background(), compactHookKey{}, func() { during = savedIndex(t, lib) })
	changed := builtinEditionFile(t, in, "2024-11-01.txt", 7) // replaces the first edition
	var out, errOut strings.Builder
	if err := run(ctx, []string{"ingest", changed}, e.get, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if during == nil {
		t.Fatal("the ingest did not compact")
	}
	after := savedIndex(t, lib)
	if during.Segments() != 3 || after.Segments() != 1 || !slices.Equal(articleIDs(during.Articles()), articleIDs(after.Articles())) {
		t.Fatalf("saved while compacting: %d segments, %d articles; after: %d segments, %d articles",
			during.Segments(), len(during.Articles()), after.Segments(), len(after.Articles()))
	}
	if !strings.Contains(articleText(after.Articles()), "第7天") {
		t.Error("the compacted index lacks the replacing edition")
	}
}

func articleText(arts []corpus.Article) string {
	var b strings.Builder
	for _, a := range arts {
		b.WriteString(a.Text)
	}
	return b.String()
}
