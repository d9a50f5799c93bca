package retrieval

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"newsbot/corpus"
)

// editionBatches cuts articles into editions of size articles each, sources e000, e001, ….
func editionBatches(articles []corpus.Article, size int) []Batch {
	var out []Batch
	for lo := 0; lo < len(articles); lo += size {
		src := fmt.Sprintf("e%03d", lo/size)
		out = append(out, Batch{Source: src, Stamp: src + "-v1", Articles: articles[lo:min(lo+size, len(articles))]})
	}
	return out
}

// incrementalFixture builds a base of the first editions, then adds the rest one Update at a time,
// replaces one edition with a changed version, removes another and one article by ID. It returns
// the index and the batches a rebuild of the same library would be made of.
func incrementalFixture(t *testing.T) (*Index, []Batch) {
	t.Helper()
	ctx := context.Background()
	eds := editionBatches(syntheticArticles(t, 1200), 100)
	ix, err := BuildSources(ctx, eds[:8], Config{Fingerprint: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range eds[8:] {
		if ix, err = ix.Update(ctx, []Batch{b}, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Edition e002 is re-ingested with one article changed and one gone.
	changed := append([]corpus.Article(nil), eds[2].Articles[:99]...)
	changed[5].Text = "区长恽淇丞调研宅基地档案数字化工作。" + changed[5].Text
	eds[2] = Batch{Source: "e002", Stamp: "e002-v2", Articles: changed}
	if ix, err = ix.Update(ctx, []Batch{eds[2]}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if ix, err = ix.Update(ctx, nil, []string{"e004"}, nil); err != nil {
		t.Fatal(err)
	}
	gone := eds[6].Articles[10].ID
	if ix, err = ix.Remove(ctx, []string{gone}); err != nil {
		t.Fatal(err)
	}
	eds[6].Articles = append(append([]corpus.Article(nil), eds[6].Articles[:10]...), eds[6].Articles[11:]...)
	// In the index's order: a replaced edition comes after those added before it.
	live := append(append(append([]Batch(nil), eds[:2]...), eds[3]), eds[5:]...)
	return ix, append(live, eds[2])
}

// searchAll runs the questions on ix.
func searchAll(t *testing.T, ix *Index, qs []string) [][]Result {
	t.Helper()
	out := make([][]Result, len(qs))
	for i, q := range qs {
		rs, err := ix.Search(context.Background(), q, SearchOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		out[i] = rs
	}
	return out
}

func resultIDs(rs []Result) []string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Article.ID)
	}
	return ids
}

// TestIncrementalMatchesRebuild checks the incremental path against a rebuild from scratch
// (`ingest --reindex`): the same live articles and sources, the same search results after
// Compact (scores included), and before it the same first article for nearly every question
// (the differences left are tombstoned documents still counted in BM25's statistics and names
// first seen in a later edition not yet indexed whole in earlier segments).
func TestIncrementalMatchesRebuild(t *testing.T) {
	ctx := context.Background()
	inc, live := incrementalFixture(t)
	rebuilt, err := BuildSources(ctx, live, Config{Embedder: inc.Embedder()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := inc.Articles(), rebuilt.Articles(); !sameArticleSet(got, want) {
		t.Fatalf("incremental index holds %d articles, rebuild %d", len(got), len(want))
	}
	if !reflect.DeepEqual(inc.Sources(), rebuilt.Sources()) {
		t.Errorf("sources differ:\n incremental %v\n rebuild     %v", inc.Sources(), rebuilt.Sources())
	}
	if _, ok := inc.Article(live[5].Articles[0].ID); !ok {
		t.Error("an article of a later edition is missing")
	}
	qs := append(quotingQuestions(rebuilt, 120), "恽淇丞调研了什么")
	want := searchAll(t, rebuilt, qs)
	got := searchAll(t, inc, qs)
	same := 0
	for i := range qs {
		if len(got[i]) > 0 && len(want[i]) > 0 && got[i][0].Article.ID == want[i][0].Article.ID {
			same++
		}
	}
	if share := float64(same) / float64(len(qs)); share < 0.95 {
		t.Errorf("before compaction the first result agrees with the rebuild's for %.3f of the questions, want ≥ 0.95", share)
	}
	compact, err := inc.Compact(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if compact.Segments() != 1 || compact.DeadShare() != 0 {
		t.Errorf("compacted index: %d segments, dead share %v", compact.Segments(), compact.DeadShare())
	}
	if !reflect.DeepEqual(compact.Articles(), rebuilt.Articles()) {
		t.Error("the compacted index's articles differ from the rebuild's (order included)")
	}
	for i, rs := range searchAll(t, compact, qs) {
		if !sameResults(rs, want[i]) {
			t.Errorf("Search(%q): compacted %v, rebuilt %v", qs[i], resultIDs(rs), resultIDs(want[i]))
		}
	}
}

// sameResults compares results up to float rounding: the local embedder sums a text's features
// in map order, so two embeddings of one text may differ in the last bits.
func sameResults(a, b []Result) bool {
	if len(a) != len(b) {
		return false
	}
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-6 }
	for i := range a {
		x, y := a[i], b[i]
		if !reflect.DeepEqual(x.Article, y.Article) || !near(x.Score, y.Score) || !near(x.Coverage, y.Coverage) ||
			!near(x.Dense, y.Dense) || len(x.Passages) != len(y.Passages) {
			return false
		}
		for j := range x.Passages {
			if x.Passages[j].Start != y.Passages[j].Start || !near(x.Passages[j].Score, y.Passages[j].Score) {
				return false
			}
		}
	}
	return true
}

func sameArticleSet(a, b []corpus.Article) bool {
	if len(a) != len(b) {
		return false
	}
	byID := map[string]corpus.Article{}
	for _, x := range a {
		byID[x.ID] = x
	}
	for _, y := range b {
		if x, ok := byID[y.ID]; !ok || !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// TestUpdateSaveOpen checks that a saved incremental index opens to the same index, that saving
// an update writes one segment file and the manifest only, and that a compacted one removes the
// old generation's segments.
func TestUpdateSaveOpen(t *testing.T) {
	ctx := context.Background()
	inc, _ := incrementalFixture(t)
	path := filepath.Join(t.TempDir(), "index.bin")
	if err := inc.Save(path); err != nil {
		t.Fatal(err)
	}
	opened, err := Open(ctx, path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if opened.Segments() != inc.Segments() || !reflect.DeepEqual(opened.Sources(), inc.Sources()) || !reflect.DeepEqual(opened.Articles(), inc.Articles()) {
		t.Fatalf("opened: %d segments, %d articles; saved %d, %d", opened.Segments(), len(opened.Articles()), inc.Segments(), len(inc.Articles()))
	}
	qs := quotingQuestions(inc, 40)
	got, want := searchAll(t, opened, qs), searchAll(t, inc, qs)
	for i := range qs {
		if !sameResults(got[i], want[i]) {
			t.Errorf("Search(%q) after Open: %v, before %v", qs[i], resultIDs(got[i]), resultIDs(want[i]))
		}
	}

	baseStat, _ := os.Stat(path)
	more := syntheticArticles(t, 1300)[1200:]
	next, err := opened.Update(ctx, []Batch{{Source: "e900", Stamp: "x", Articles: more}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := next.Save(path); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); !st.ModTime().Equal(baseStat.ModTime()) {
		t.Error("saving an update rewrote the base file")
	}
	segs, _ := filepath.Glob(path + ".*" + segSuffix)
	if len(segs) != next.Segments()-1 {
		t.Errorf("%d segment files for %d segments", len(segs), next.Segments())
	}
	reopened, err := Open(ctx, path, Config{})
	if err != nil || reopened.Segments() != next.Segments() {
		t.Fatalf("reopen: %v", err)
	}
	refreshed, err := opened.Refresh(ctx, path, Config{})
	if err != nil || refreshed.Segments() != next.Segments() || refreshed.segs[0] != opened.segs[0] || !reflect.DeepEqual(refreshed.Articles(), reopened.Articles()) {
		t.Fatalf("Refresh read the whole index again or differs from Open: %v", err)
	}
	if _, ok := reopened.Article(more[0].ID); !ok {
		t.Error("the added article is missing after reopening")
	}

	compact, err := reopened.Compact(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := compact.Save(path); err != nil {
		t.Fatal(err)
	}
	if segs, _ := filepath.Glob(path + ".*" + segSuffix); len(segs) != 0 {
		t.Errorf("segment files of the old generation left: %v", segs)
	}
	final, err := Open(ctx, path, Config{})
	if err != nil || final.Segments() != 1 || !reflect.DeepEqual(final.Articles(), compact.Articles()) {
		t.Fatalf("after compaction: %v", err)
	}
}

// TestSaveCrashLeavesPreviousIndex stands for a writer killed between writing a segment and the
// manifest, and between writing a new base and its manifest: each time Open gives a whole index,
// the previous one or the new one.
func TestSaveCrashLeavesPreviousIndex(t *testing.T) {
	ctx := context.Background()
	eds := editionBatches(syntheticArticles(t, 300), 100)
	base, err := BuildSources(ctx, eds[:2], Config{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "index.bin")
	if err := base.Save(path); err != nil {
		t.Fatal(err)
	}
	manifestBefore, err := os.ReadFile(path + manifestSuffix)
	if err != nil {
		t.Fatal(err)
	}
	next, err := base.Update(ctx, eds[2:], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := next.Save(path); err != nil {
		t.Fatal(err)
	}
	// Killed before the manifest was renamed into place: the segment file is there, unnamed.
	if err := os.WriteFile(path+manifestSuffix, manifestBefore, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, path, Config{})
	if err != nil || len(ix.Articles()) != 200 {
		t.Fatalf("after a crash before the manifest: %v, %d articles; want the previous 200", err, len(ix.Articles()))
	}
	// Killed after a compaction's new base but before its manifest: the old manifest names the
	// old generation's segments, which must not be applied to the new base.
	if err := next.Save(path); err != nil {
		t.Fatal(err)
	}
	manifestOld, _ := os.ReadFile(path + manifestSuffix)
	compact, err := next.Compact(ctx, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := compact.Save(path); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+manifestSuffix, manifestOld, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(ctx, path, Config{})
	if err != nil || len(ix.Articles()) != 300 || ix.Segments() != 1 {
		t.Fatalf("after a crash before a compaction's manifest: %v, %d articles in %d segments; want 300 in 1", err, len(ix.Articles()), ix.Segments())
	}
}
