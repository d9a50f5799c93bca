package retrieval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"newsbot/corpus"
)

// BenchmarkArchive measures an archive's life on one machine, each figure beside the full rebuild
// and chromem-go's bare query in the same run: adding a 100-article edition (Update and Save of
// one segment) against rebuilding the library, opening the saved index and answering the first
// question, fused search p50/p99, chromem-go's QueryEmbedding p50/p99 over the same vectors, and
// the heap an opened index holds per chunk (text, vectors, int8 copy, postings, tables).
//
//	go test -run '^$' -bench Archive/synthetic -benchtime 1x ./retrieval/                 20,000 articles
//	NEWSBOT_LONG=1 go test -run '^$' -bench Archive -benchtime 1x -timeout 3h ./retrieval/ 400,000 and xwlb
func BenchmarkArchive(b *testing.B) {
	n := 20_000
	if os.Getenv("NEWSBOT_LONG") == "1" {
		n = 400_000
	}
	b.Run(fmt.Sprintf("synthetic=%dk", n/1000), func(b *testing.B) {
		arts := syntheticArticles(b, n+100)
		benchArchive(b, arts[:n], arts[n:])
	})
	b.Run("xwlb", func(b *testing.B) {
		if os.Getenv("NEWSBOT_LONG") != "1" {
			b.Skip("set NEWSBOT_LONG=1 for the xwlb library")
		}
		arts := xwlbArticles(b)
		k := len(arts) - 100
		benchArchive(b, arts[:k], arts[k:])
	})
}

func benchArchive(b *testing.B, library, edition []corpus.Article) {
	ctx := context.Background()
	WarmUp()
	path := filepath.Join(b.TempDir(), "index.bin")
	eds := editionBatches(library, 100)
	start := time.Now()
	base, err := BuildSources(ctx, eds, Config{})
	if err != nil {
		b.Fatal(err)
	}
	if err := base.Save(path); err != nil {
		b.Fatal(err)
	}
	rebuild := time.Since(start)
	base = nil
	runtime.GC()

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start = time.Now()
		ix, err := Open(ctx, path, Config{})
		if err != nil {
			b.Fatal(err)
		}
		qs := quotingQuestions(ix, 200)
		if _, err := ix.Search(ctx, qs[0], SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		open := time.Since(start)
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		heapPerChunk := float64(m.HeapInuse) / float64(ix.Chunks())

		start = time.Now()
		next, err := ix.Update(ctx, []Batch{{Source: "new", Stamp: "1", Articles: edition}}, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := next.Save(path); err != nil {
			b.Fatal(err)
		}
		add := time.Since(start)

		p50, p99 := searchPercentiles(b, next, qs)
		chromem := chromemLatencies(b, next, qs)
		c50, c99 := percentiles(chromem)

		b.ReportMetric(float64(ix.Chunks()), "chunks")
		b.ReportMetric(ms(add), "add-edition-ms")
		b.ReportMetric(ms(rebuild), "rebuild-ms")
		b.ReportMetric(ms(open), "open+first-ms")
		b.ReportMetric(p50, "search-p50-ms")
		b.ReportMetric(p99, "search-p99-ms")
		b.ReportMetric(c50, "chromem-p50-ms")
		b.ReportMetric(c99, "chromem-p99-ms")
		b.ReportMetric(heapPerChunk/1024, "heap-KB/chunk")
	}
}

// chromemLatencies times chromem-go's bare QueryEmbedding (10 results) over ix's vector store,
// the queries embedded outside the timer.
func chromemLatencies(b *testing.B, ix *Index, qs []string) []time.Duration {
	if _, err := ix.VectorStore(); err != nil {
		b.Fatal(err)
	}
	var lat []time.Duration
	for _, q := range qs[:50] {
		v, _ := ix.embedder.EmbedQuery(context.Background(), NormalizeQuery(q))
		t := time.Now()
		if _, err := ix.store.coll.QueryEmbedding(context.Background(), v, 10, nil, nil); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	return lat
}

// searchPercentiles asks ix every question and returns the p50 and p99 latencies in milliseconds.
func searchPercentiles(b *testing.B, ix *Index, qs []string) (p50, p99 float64) {
	lat := make([]time.Duration, 0, len(qs))
	for _, q := range qs {
		t := time.Now()
		if _, err := ix.Search(context.Background(), q, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	return percentiles(lat)
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
