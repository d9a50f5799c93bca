package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsbot/corpus"
)

// BenchmarkOpenScale measures what an archive of many chunks costs to open and serve: the index is
// one real 20,000-article build (one chunk an article) saved with copies of its segment under
// other article IDs as further segments (20 segments: 400,000 chunks with NEWSBOT_LONG=1, else 4:
// 80,000), so it is written once in minutes, not rebuilt for hours. With NEWSBOT_BENCH_INDEX=DIR
// the index is kept in DIR and a later run only opens it: run twice, the second run's resident
// set is that of a process that did nothing but open and serve it.
//
// Reported: open and answer the first question (wall and the process's CPU time), the second
// question, add a 100-article edition (Update and Save of one segment, wall and CPU), search
// p50/p99 over 50 questions, the resident set (anonymous and file-backed) and heap per chunk after
// them, the 20,000-article build time (the full rebuild grows linearly from it), and the load
// average while it ran (2 shared cores: timings under load are upper bounds; CPU times and bytes
// are not distorted by it).
//
// The xwlb run (NEWSBOT_LONG=1) builds the real library (19,776 items) once, the last 100 items
// held back as the edition to add.
//
//	NEWSBOT_LONG=1 NEWSBOT_BENCH_INDEX=/tmp/ix400k go test -run '^$' -bench OpenScale -benchtime 1x -timeout 2h ./retrieval/
func BenchmarkOpenScale(b *testing.B) {
	dir := os.Getenv("NEWSBOT_BENCH_INDEX")
	if dir == "" {
		dir = b.TempDir()
	}
	WarmUp()
	copies := 4
	if os.Getenv("NEWSBOT_LONG") == "1" {
		copies = 20
	}
	b.Run(fmt.Sprintf("synthetic=%dk", copies*20), func(b *testing.B) {
		path := filepath.Join(dir, fmt.Sprintf("index-%dx20k.bin", copies))
		arts := syntheticArticles(b, 20_100)
		build := 0.0
		if _, err := os.Stat(path); err != nil {
			build = ms(writeCopiedArchive(b, path, arts[:20_000], copies))
		}
		edition := arts[20_000:]
		for i := range edition {
			edition[i].ID += "-new"
		}
		benchOpenServe(b, path, quotingQuestions(&Index{articles: arts[:20_000]}, 50), edition, build)
	})
	b.Run("xwlb", func(b *testing.B) {
		if os.Getenv("NEWSBOT_LONG") != "1" {
			b.Skip("set NEWSBOT_LONG=1 for the xwlb library")
		}
		path := filepath.Join(dir, "index-xwlb.bin")
		arts := xwlbArticles(b)
		k := len(arts) - 100
		build := 0.0
		if _, err := os.Stat(path); err != nil {
			build = ms(writeCopiedArchive(b, path, arts[:k], 1))
		}
		benchOpenServe(b, path, quotingQuestions(&Index{articles: arts[:k]}, 50), arts[k:], build)
	})
}

// benchOpenServe opens the index at path, answers qs and adds edition (saved beside it, then
// taken out again so that the next run opens the same index), and reports what it cost.
func benchOpenServe(b *testing.B, path string, qs []string, edition []corpus.Article, build float64) {
	ctx := context.Background()
	runtime.GC()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		load := loadAverage()
		rssBefore, _, _ := residentSet()
		cpu, start := cpuTime(), time.Now()
		ix := mustOpen(b, path)
		if _, err := ix.Search(ctx, qs[0], SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		open, openCPU := time.Since(start), cpuTime()-cpu
		start = time.Now()
		if _, err := ix.Search(ctx, qs[1], SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		second := time.Since(start)
		p50, p99 := searchPercentiles(b, ix, qs)
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		rss, anon, file := residentSet()
		chunks := float64(ix.Chunks())

		manifest, _ := os.ReadFile(ManifestPath(path))
		cpu, start = cpuTime(), time.Now()
		next, err := ix.Update(ctx, []Batch{{Source: "new-edition", Stamp: "1", Articles: edition}}, nil, nil)
		if err == nil {
			err = next.Save(path)
		}
		if err != nil {
			b.Fatal(err)
		}
		add, addCPU := time.Since(start), cpuTime()-cpu
		restoreManifest(b, path, manifest, next)
		runtime.KeepAlive(ix)

		b.ReportMetric(chunks, "chunks")
		b.ReportMetric(ms(open), "open+first-ms")
		b.ReportMetric(ms(openCPU), "open+first-cpu-ms")
		b.ReportMetric(ms(second), "second-question-ms")
		b.ReportMetric(p50, "search-p50-ms")
		b.ReportMetric(p99, "search-p99-ms")
		b.ReportMetric(ms(add), "add-edition-ms")
		b.ReportMetric(ms(addCPU), "add-edition-cpu-ms")
		b.ReportMetric(float64(rss-rssBefore)/chunks/1024, "rss-KB/chunk")
		b.ReportMetric(float64(rss)/(1<<20), "rss-MB")
		b.ReportMetric(float64(anon)/(1<<20), "rss-anon-MB")
		b.ReportMetric(float64(file)/(1<<20), "rss-file-MB")
		b.ReportMetric(float64(m.HeapInuse)/chunks/1024, "heap-KB/chunk")
		if build > 0 {
			b.ReportMetric(build, "build-ms")
		}
		b.Logf("load average before the run %s, after %s", load, loadAverage())
	}
}

// restoreManifest puts back the manifest saved before next was saved at path and removes the
// segment next added.
func restoreManifest(b *testing.B, path string, manifest []byte, next *Index) {
	if manifest == nil {
		b.Fatal("the copied archive has no manifest")
	}
	if err := os.WriteFile(ManifestPath(path), manifest, 0o644); err != nil {
		b.Fatal(err)
	}
	os.Remove(next.segs[len(next.segs)-1].file)
}

func mustOpen(b *testing.B, path string) *Index {
	ix, err := Open(context.Background(), path, Config{})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// writeCopiedArchive builds arts (in editions of 100) and saves them at path with copies-1 copies
// of their segment (new article IDs and sources, the same chunks, postings and vectors) as
// further segments. It returns the build's time.
func writeCopiedArchive(b *testing.B, path string, arts []corpus.Article, copies int) time.Duration {
	start := time.Now()
	base, err := BuildSources(context.Background(), editionBatches(arts, 100), Config{})
	if err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	segs := []*segment{base.segs[0]}
	for k := 1; k < copies; k++ {
		segs = append(segs, copySegment(base.segs[0], k))
	}
	ix := assemble(segs, nil)
	ix.embedder, ix.embedderID = base.embedder, base.embedderID
	if err := ix.Save(path); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	return build
}

// copySegment is s under other article IDs and sources, sharing its tables.
func copySegment(s *segment, k int) *segment {
	suffix := "~" + strconv.Itoa(k)
	c := &segment{gen: s.gen, fingerprint: s.fingerprint, words: s.words, chunks: s.chunks, firstChunk: s.firstChunk,
		lex: s.lex, doc: s.doc, head: s.head, vectors: s.vectors, localIDF: s.localIDF, chars: s.charTable(),
		articles: make([]corpus.Article, len(s.articles)), sources: make([]string, len(s.sources)),
		stamps: make(map[string]string, len(s.stamps))}
	for i, a := range s.articles {
		a.ID += suffix
		c.articles[i] = a
		if s.sources[i] != "" {
			c.sources[i] = s.sources[i] + suffix
		}
	}
	for src, st := range s.stamps {
		c.stamps[src+suffix] = st
	}
	return c
}

// residentSet is the process's resident set, its anonymous and its file-backed part, in bytes
// (0 where /proc/self/status is missing).
func residentSet() (rss, anon, file int64) {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "RssAnon:":
			anon = kb << 10
		case "RssFile:":
			file = kb << 10
		}
	}
	return rss, anon, file
}
