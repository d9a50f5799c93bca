package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-ego/gse"

	"newsbot/corpus"
)

// Benchmarks run on a synthetic library drawn from the built-in edition's words (so they need
// no third-party data): each article is about one chunk long, so N articles make about N chunks.
//
//	go test -run '^$' -bench 'Search|ChromemQuery' -benchtime 200x ./retrieval/
//	go test -run '^$' -bench 'Build|Open|SegmenterLoad' -benchtime 3x ./retrieval/

// syntheticArticles returns n deterministic articles.
func syntheticArticles(tb testing.TB, n int) []corpus.Article {
	var words []string
	seen := map[string]bool{}
	for _, a := range fixtureArticles(tb) {
		for _, w := range segmenter().Cut(a.Text, false) {
			if hasHan(w) && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	slices.Sort(words)
	nameRunes := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤淇丞恽峰鸣琪莲寅茅冰霞泊锋麟芊卉")
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		// Zipf-like: low indexes are common.
		i := int(float64(len(words)) * r.Float64() * r.Float64())
		return words[i]
	}
	name := func() string {
		return string([]rune{nameRunes[r.IntN(len(nameRunes))], nameRunes[r.IntN(len(nameRunes))], nameRunes[r.IntN(len(nameRunes))]})
	}
	arts := make([]corpus.Article, n)
	for i := range arts {
		var title, text strings.Builder
		for j := 0; j < 4; j++ {
			title.WriteString(word())
		}
		title.WriteString(name())
		for s := 0; s < 5; s++ {
			for j := 0; j < 6+r.IntN(6); j++ {
				text.WriteString(word())
			}
			if s == 2 {
				text.WriteString(name())
			}
			text.WriteString("。")
		}
		arts[i] = corpus.Article{ID: fmt.Sprintf("s%06d", i), Kind: corpus.KindNews, Date: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
			Title: title.String(), Text: text.String()}
	}
	return arts
}

var (
	benchMu      sync.Mutex
	benchIndexes = map[int]*Index{}
)

func benchIndex(b *testing.B, n int) (*Index, []string) {
	benchMu.Lock()
	defer benchMu.Unlock()
	ix := benchIndexes[n]
	if ix == nil {
		var err error
		ix, err = Build(context.Background(), syntheticArticles(b, n), Config{})
		if err != nil {
			b.Fatal(err)
		}
		benchIndexes[n] = ix
	}
	return ix, quotingQuestions(ix, 200)
}

// quotingQuestions are n questions quoting a fragment of a sentence of a random article, as a
// reader would.
func quotingQuestions(ix *Index, n int) []string {
	r := rand.New(rand.NewPCG(3, 4))
	qs := make([]string, n)
	for i := range qs {
		a := ix.articles[r.IntN(len(ix.articles))]
		rs := []rune(a.Text)
		start := r.IntN(max(1, len(rs)-12))
		qs[i] = string(rs[start:min(len(rs), start+12)]) + "是什么？"
	}
	return qs
}

// reportLatency adds p50 and p99 (milliseconds) of the recorded durations.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	p50, p99 := percentiles(lat)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p99, "p99-ms")
}

// percentiles are the p50 and p99 of the durations, in milliseconds (sorts lat).
func percentiles(lat []time.Duration) (p50, p99 float64) {
	slices.Sort(lat)
	p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
	return p(0.50), p(0.99)
}

// benchSizes are the library sizes of the search benchmarks; NEWSBOT_LONG=1 adds ten years of a
// daily (400,000 chunks: building it takes minutes and about 3 GB).
var benchSizes = func() []int {
	if os.Getenv("NEWSBOT_LONG") == "1" {
		return []int{1_000, 10_000, 100_000, 400_000}
	}
	return []int{1_000, 10_000, 100_000}
}()

// BenchmarkSearch is the fused search (lexical, article, headline and dense rankings). Beside
// the latencies, which the machine's load inflates, it reports what load does not distort: the
// process's CPU time a query (GC included) and the bytes a query reads (the int8 rows, their
// scales and the rescored float32 rows of the dense scan, and the postings the lexical rankings
// read), and the load average the figures were taken at. NEWSBOT_LONG=1 adds the xwlb library.
func BenchmarkSearch(b *testing.B) {
	for _, lib := range benchLibraries() {
		b.Run(lib.name, func(b *testing.B) {
			ix, qs := lib.index(b)
			reads := func() int64 { return ix.lex.reads.Load() + ix.doc.reads.Load() + ix.head.reads.Load() }
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			meter := startMeter()
			read0 := reads()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := ix.Search(context.Background(), qs[i%len(qs)], SearchOptions{}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			meter.report(b)
			reportLatency(b, lat)
			b.ReportMetric(float64(ix.Chunks()), "chunks")
			postings := float64(reads()-read0) * 4 / float64(b.N)
			b.ReportMetric((float64(ix.denseBytesPerQuery())+postings)/1e6, "read-MB/op")
			b.ReportMetric(postings/1e6, "postings-MB/op")
		})
	}
}

// benchLibrary is a library the search benchmarks run on.
type benchLibrary struct {
	name  string
	index func(b *testing.B) (*Index, []string)
}

// benchLibraries are the synthetic libraries of benchSizes and, with NEWSBOT_LONG=1 and the
// shared data present, xwlb (questions quoting its articles as for the synthetic ones).
func benchLibraries() []benchLibrary {
	var libs []benchLibrary
	for _, n := range benchSizes {
		libs = append(libs, benchLibrary{fmt.Sprintf("chunks=%dk", n/1000), func(b *testing.B) (*Index, []string) { return benchIndex(b, n) }})
	}
	if os.Getenv("NEWSBOT_LONG") == "1" {
		libs = append(libs, benchLibrary{"xwlb", xwlbBenchIndex})
	}
	return libs
}

var xwlbBench struct {
	sync.Mutex
	ix *Index
}

// xwlbBenchIndex is the index of all of xwlb, built once per test binary.
func xwlbBenchIndex(b *testing.B) (*Index, []string) {
	xwlbBench.Lock()
	defer xwlbBench.Unlock()
	if xwlbBench.ix == nil {
		ix, err := Build(context.Background(), xwlbArticles(b), Config{})
		if err != nil {
			b.Fatal(err)
		}
		xwlbBench.ix = ix
	}
	return xwlbBench.ix, quotingQuestions(xwlbBench.ix, 200)
}

// denseBytesPerQuery is what the dense ranking of one search reads: every int8 row and its
// scale, and the float32 rows of the candidates it rescores.
func (ix *Index) denseBytesPerQuery() int {
	rows, dim := ix.vectors.rows(), ix.vectors.dim
	return rows*(dim+4) + min(rows, ix.fusion.candidates*rescoreFactor)*dim*4
}

// meter measures the process's CPU time over a benchmark's loop, and the load average.
type meter struct {
	cpu  time.Duration
	load float64
}

func startMeter() meter { return meter{cpu: cpuTime(), load: load1()} }

// report adds the CPU time a benchmark iteration and the 1-minute load average at the start and
// the end of the loop.
func (m meter) report(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-m.cpu)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(m.load, "load-start")
	b.ReportMetric(load1(), "load-end")
}

// load1 is the machine's 1-minute load average (0 where /proc/loadavg is missing).
func load1() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var l float64
	fmt.Sscan(string(data), &l)
	return l
}

// BenchmarkChromemQuery is chromem-go's bare QueryEmbedding over the same vectors (the index's
// VectorStore collection), with query embedding done outside the timer, for comparison with
// BenchmarkSearch.
func BenchmarkChromemQuery(b *testing.B) {
	for _, lib := range benchLibraries() {
		b.Run(lib.name, func(b *testing.B) {
			ix, qs := lib.index(b)
			if _, err := ix.VectorStore(); err != nil {
				b.Fatal(err)
			}
			vecs := make([][]float32, len(qs))
			for i, q := range qs {
				vecs[i], _ = ix.embedder.EmbedQuery(context.Background(), NormalizeQuery(q))
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			meter := startMeter()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := ix.store.coll.QueryEmbedding(context.Background(), vecs[i%len(vecs)], 10, nil, nil); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			meter.report(b)
			reportLatency(b, lat)
		})
	}
}

// BenchmarkBuild measures ingest throughput and the peak heap of building a 10k-chunk library.
func BenchmarkBuild(b *testing.B) {
	arts := syntheticArticles(b, 10_000)
	WarmUp()
	var chars int
	for _, a := range arts {
		chars += len([]rune(a.Text))
	}
	b.ResetTimer()
	var peak uint64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := sampleHeap(&peak)
		ix, err := Build(context.Background(), arts, Config{})
		stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(ix.Chunks()), "chunks")
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(chars*b.N)/b.Elapsed().Seconds()/1e6, "Mchars/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records the largest HeapInuse seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkOpen measures loading a saved 10k-chunk index (no re-embedding).
func BenchmarkOpen(b *testing.B) {
	ix, _ := benchIndex(b, 10_000)
	path := b.TempDir() + "/ix"
	if err := ix.Save(path); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Open(context.Background(), path, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegmenterLoad is the start-up cost of loading gse's embedded dictionary, which the
// package pays once per process.
func BenchmarkSegmenterLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var seg gse.Segmenter
		if err := seg.LoadDictEmbed(commonDict); err != nil {
			b.Fatal(err)
		}
	}
}
