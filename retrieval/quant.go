package retrieval

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// The dense scan reads an int8 copy of the vectors (a quarter of the float32 bytes, one scale per
// row) and rescores the leading candidates with the float32 vectors, which stay the only float32
// copy (chromem-go's documents share them). With 512 dimensions a row costs 512 bytes to scan.

// rescoreFactor is how many int8 candidates per wanted result are rescored in float32: the int8
// dot product errs by well under a percent of the cosine, so the true top k is among the top 4k.
const rescoreFactor = 4

// quantized is an int8 copy of a matrix: row i is data[i*dim:(i+1)*dim] times scale[i].
type quantized struct {
	dim   int
	data  []int8
	scale []float32
}

// quantize returns the int8 copy of m, quantizing rows in parallel.
func quantize(m *matrix) quantized {
	n := m.rows()
	q := quantized{dim: m.dim, data: make([]int8, n*m.dim), scale: make([]float32, n)}
	parallelRows(n, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			q.scale[i] = quantizeRow(m.row(i), q.data[i*m.dim:(i+1)*m.dim])
		}
	})
	return q
}

// quantizeRow writes v scaled to -127..127 into out and returns the scale that maps it back.
func quantizeRow(v []float32, out []int8) float32 {
	var maxAbs float32
	for _, x := range v {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	if maxAbs == 0 {
		clear(out)
		return 0
	}
	inv := 127 / maxAbs
	for i, x := range v {
		out[i] = int8(math.Round(float64(x * inv)))
	}
	return maxAbs / 127
}

// scanWorkers is how many goroutines share a scan of n rows: one per core, one under 4096 rows
// (a goroutine costs more than the scan).
func scanWorkers(n int) int {
	if n < 4096 {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// scanBlock is how many of n rows a scanning goroutine takes at a time: few enough (a quarter of
// its share at most) that on a loaded machine a goroutine whose thread the OS has descheduled
// holds back one block, not its half of the scan (the others take the rest), and enough (1,024
// to 8,192 rows, 0.5 to 4 MB of int8 at 512 dimensions) that taking a block costs nothing beside
// scanning it.
func scanBlock(n, workers int) int { return max(1024, min(8192, n/(4*workers))) }

// parallelRows calls fn(worker, lo, hi) on consecutive blocks [lo,hi) covering n rows, each
// taken by the first free of scanWorkers(n) workers (the calling goroutine one of them); calls
// with the same worker number never overlap.
func parallelRows(n int, fn func(worker, lo, hi int)) {
	w := scanWorkers(n)
	block := int64(scanBlock(n, w))
	var next atomic.Int64
	work := func(worker int) {
		for {
			lo := int(next.Add(block) - block)
			if lo >= n {
				return
			}
			fn(worker, lo, min(lo+int(block), n))
		}
	}
	var wg sync.WaitGroup
	for i := 1; i < w; i++ {
		wg.Go(func() { work(i) })
	}
	work(0)
	wg.Wait()
}

// search returns the k rows whose int8 dot product with the quantized query is highest among
// those allowed (nil: all), as candidates (scores approximate, unsorted).
func (q *quantized) search(qv []int8, qscale float32, k int, allow func(int) bool) []scored {
	return parallelTop(len(q.scale), k, allow, func(i int) float64 {
		return float64(float32(dotInt8(qv, q.data[i*q.dim:(i+1)*q.dim])) * q.scale[i] * qscale)
	}).heap
}

// parallelTop keeps the k best-scored of n rows among those allowed (nil: all), scoring ranges
// of rows in parallel.
func parallelTop(n, k int, allow func(int) bool, score func(int) float64) *topK {
	tops := make([]*topK, scanWorkers(n))
	for i := range tops {
		tops[i] = newTopK(k)
	}
	parallelRows(n, func(worker, lo, hi int) {
		t := tops[worker]
		for i := lo; i < hi; i++ {
			if allow != nil && !allow(i) {
				continue
			}
			if s := score(i); s > t.min() {
				t.push(i, s)
			}
		}
	})
	return mergeTops(k, tops)
}

// mergeTops keeps the k best of several top-k lists.
func mergeTops(k int, tops []*topK) *topK {
	all := newTopK(k)
	for _, t := range tops {
		for _, s := range t.heap {
			all.push(s.doc, s.score)
		}
	}
	return all
}

// dotInt8Go is the portable int8 inner product of two equally long vectors.
func dotInt8Go(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += int32(a[i]) * int32(b[i])
		s1 += int32(a[i+1]) * int32(b[i+1])
		s2 += int32(a[i+2]) * int32(b[i+2])
		s3 += int32(a[i+3]) * int32(b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}
