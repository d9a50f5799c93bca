package pgvector

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"newsbot/bot"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// denseLibrary is the built-in edition and the held-out editions of testdata as sources.
func denseLibrary(t *testing.T) []retrieval.Batch {
	t.Helper()
	b, err := corpus.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	out := []retrieval.Batch{{Source: b.ID, Stamp: "1", Articles: b.Articles}}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "heldout", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := corpus.Parse(filepath.Base(f), data, corpus.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, retrieval.Batch{Source: ed.ID, Stamp: "1", Articles: ed.Articles})
	}
	return out
}

// fill stores the batches' chunk vectors, embedded with emb, as a writer does.
func fill(t *testing.T, s *Store, emb retrieval.Config, batches []retrieval.Batch) {
	t.Helper()
	ctx := context.Background()
	for _, b := range batches {
		cvs, err := retrieval.EmbedChunks(ctx, b.Articles, emb.Embedder, emb.EmbedderID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PutSource(ctx, b.Source, b.Stamp, cvs); err != nil {
			t.Fatal(err)
		}
	}
}

// The built-in eval set answered over an index whose dense half is in pgvector gives the answers
// of the in-process index, word for word, citations included.
func TestAnswersMatchInProcess(t *testing.T) {
	p := pool(t)
	ctx := context.Background()
	lib := denseLibrary(t)
	mem, err := retrieval.BuildSources(ctx, lib, retrieval.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := retrieval.Config{Embedder: mem.Embedder(), EmbedderID: mem.EmbedderID()}
	s, err := New(ctx, p, tableFor(t), mem.Dim(), cfg.Embedder)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEmbedder(ctx, cfg.EmbedderID, retrieval.MarshalEmbedder(cfg.Embedder)); err != nil {
		t.Fatal(err)
	}
	fill(t, s, cfg, lib)
	cfg.Dense = s
	ext, err := retrieval.BuildSources(ctx, lib, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := retrieval.LoadEvalSet(filepath.Join("..", "..", "testdata", "eval", "builtin.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	memBot, extBot := bot.NewEngine(mem, bot.Options{}), bot.NewEngine(ext, bot.Options{})
	for _, c := range cases {
		want, err1 := memBot.Ask(ctx, "", c.Q)
		got, err2 := extBot.Ask(ctx, "", c.Q)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: %v / %v", c.Q, err1, err2)
		}
		want.Conversation, got.Conversation = "", ""
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%q:\nin process %+v\npgvector   %+v", c.Q, want, got)
		}
	}
	t.Logf("%d questions of testdata/eval/builtin.jsonl over %d articles: the same answers", len(cases), len(mem.Articles()))
}

// A source's chunks are replaced whole and removed whole; the stamps and the embedder are kept
// beside them; another dimension is refused.
func TestSourcesAndEmbedder(t *testing.T) {
	p := pool(t)
	ctx := context.Background()
	emb := retrieval.NewLocalEmbedder(64)
	table := tableFor(t)
	s, err := New(ctx, p, table, 64, emb)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Embedder(ctx); !errors.Is(err, ErrNoEmbedder) {
		t.Fatalf("Embedder of a new table: %v", err)
	}
	cfg := retrieval.Config{Embedder: emb, EmbedderID: emb.ID()}
	lib := denseLibrary(t)
	fill(t, s, cfg, lib)
	count := func() (n int) {
		_ = p.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n)
		return n
	}
	all := count()
	// Re-storing the built-in edition with one article: its other chunks go.
	one := lib[0]
	one.Articles, one.Stamp = one.Articles[:1], "2"
	fill(t, s, cfg, []retrieval.Batch{one})
	cvs, _ := retrieval.EmbedChunks(ctx, lib[0].Articles, emb, emb.ID())
	cvsOne, _ := retrieval.EmbedChunks(ctx, one.Articles, emb, emb.ID())
	if got := count(); got != all-len(cvs)+len(cvsOne) {
		t.Errorf("%d rows after replacing a source, want %d", got, all-len(cvs)+len(cvsOne))
	}
	stamps, err := s.Sources(ctx)
	if err != nil || stamps[one.Source] != "2" || len(stamps) != len(lib) {
		t.Errorf("Sources: %v %v", stamps, err)
	}
	q, _ := emb.EmbedQuery(ctx, "达茂旗的总面积")
	hits, err := s.Nearest(ctx, q, 3)
	if err != nil || len(hits) != 3 || hits[0].Key != cvsOne[0].Key && hits[0].Score < hits[1].Score {
		t.Errorf("Nearest: %+v %v", hits, err)
	}
	sims, err := s.Similarities(ctx, q, []string{hits[0].Key, "no-such#0"})
	if err != nil || len(sims) != 1 || sims[hits[0].Key] != hits[0].Score {
		t.Errorf("Similarities: %v %v (nearest %+v)", sims, err, hits[0])
	}
	if err := s.RemoveSources(ctx, []string{one.Source}); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != all-len(cvs) {
		t.Errorf("%d rows after removing a source, want %d", got, all-len(cvs))
	}
	// The embedder's state comes back as stored; recording another empties the table.
	fitted, id, err := retrieval.FitEmbedder(retrieval.Config{Embedder: retrieval.NewLocalEmbedder(64)}, lib[0].Articles)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEmbedder(ctx, id, retrieval.MarshalEmbedder(fitted)); err != nil {
		t.Fatal(err)
	}
	gotID, state, err := s.Embedder(ctx)
	if err != nil || gotID != id {
		t.Fatalf("Embedder: %q %v", gotID, err)
	}
	back, err := retrieval.UnmarshalLocalEmbedder(gotID, state)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := fitted.EmbedQuery(ctx, "宅基地档案")
	v2, _ := back.EmbedQuery(ctx, "宅基地档案")
	if !reflect.DeepEqual(v1, v2) {
		t.Error("the stored embedder embeds otherwise")
	}
	if got := count(); got != 0 {
		t.Errorf("%d rows after a new embedder", got)
	}
	if _, err := New(ctx, p, table, 128, retrieval.NewLocalEmbedder(128)); !errors.Is(err, ErrDimension) {
		t.Errorf("a 128-dimensional store over a 64-dimensional table: %v", err)
	}
	if err := s.PutSource(ctx, "x", "1", []retrieval.ChunkVector{{Key: "a#0", Vector: make([]float32, 3)}}); !errors.Is(err, ErrDimension) {
		t.Errorf("a 3-dimensional chunk: %v", err)
	}
}
