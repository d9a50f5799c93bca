package bot

import (
	"context"
	"newsbot/bot/internal/intent"
	"sort"
	"testing"
	"time"

	"newsbot/bot/internal/core"
	"newsbot/bot/internal/extract"
	"newsbot/retrieval"
)

var benchQuestions = []string{"达茂旗的总面积是多少？", "谁陪同国家档案局调研？", "安康医疗项目预计哪一年达产？",
	"今年消防宣传月的主题是什么？", "武进区去年的GDP是多少？", "哪些镇和街道的学员小组上台展示了项目？"}

// reportPercentiles adds p50 and p99 of the per-question durations to the benchmark's output.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkExtractive measures extractive answering alone (retrieval results given): resolution,
// sentence scoring, span isolation, evidence.
func BenchmarkExtractive(b *testing.B) {
	ix, err := builtinIndex()
	if err != nil {
		b.Fatal(err)
	}
	results := make([][]retrieval.Result, len(benchQuestions))
	for i, q := range benchQuestions {
		if results[i], err = ix.Search(context.Background(), q, retrieval.SearchOptions{Limit: searchLimit}); err != nil {
			b.Fatal(err)
		}
	}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(benchQuestions)
		start := time.Now()
		res := resolve(intent.Analyze(benchQuestions[k]), nil)
		extract.Extract(res, core.PrepareCandidates(results[k], core.CandidateArticles))
		ds = append(ds, time.Since(start))
	}
	reportPercentiles(b, ds)
}

// BenchmarkAsk measures a whole Ask over the built-in edition, retrieval included.
func BenchmarkAsk(b *testing.B) {
	e := builtinEngine(b, Options{})
	ctx := context.Background()
	if _, err := e.Ask(ctx, "", benchQuestions[0]); err != nil { // warm the segmenter
		b.Fatal(err)
	}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := e.Ask(ctx, "", benchQuestions[i%len(benchQuestions)]); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	reportPercentiles(b, ds)
}
