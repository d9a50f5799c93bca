package retrieval

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestDotInt8 checks the vectorised int8 inner product against the portable one, at lengths
// around its 32-value blocks and at the extremes of int8.
func TestDotInt8(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 31, 32, 33, 64, 100, 512, 1536} {
		a, b := make([]int8, n), make([]int8, n)
		for i := range a {
			a[i], b[i] = int8(r.IntN(256)-128), int8(r.IntN(256)-128)
		}
		if got, want := dotInt8(a, b), dotInt8Go(a, b); got != want {
			t.Errorf("n=%d: dotInt8 = %d, portable %d", n, got, want)
		}
		for i := range a {
			a[i], b[i] = -128, -128
		}
		if got, want := dotInt8(a, b), int32(n*128*128); got != want {
			t.Errorf("n=%d at -128: dotInt8 = %d, want %d", n, got, want)
		}
	}
}

// TestQuantizedSearchMatchesExact checks that the int8 scan with float32 rescoring returns the
// exact top k of the float32 scan, scores included, over real chunk vectors, with and without a
// filter.
func TestQuantizedSearchMatchesExact(t *testing.T) {
	ix, qs := syntheticIndex(t, 6000)
	if ix.vectors.parts[0].q == nil {
		t.Fatal("the index has no int8 copy")
	}
	even := func(c int) bool { return c%2 == 0 }
	for _, q := range qs[:40] {
		qv, err := ix.embedQuery(context.Background(), NormalizeQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		for _, allow := range []func(int) bool{nil, even} {
			got, want := ix.vectors.search(qv, 50, allow), ix.vectors.scan(qv, 50, allow)
			if len(got) != len(want) {
				t.Fatalf("%q: %d results, exact scan %d", q, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%q: result %d is %+v, exact scan %+v", q, i, got[i], want[i])
				}
			}
		}
	}
}

// syntheticIndex builds an index of n synthetic articles and questions quoting them.
func syntheticIndex(t testing.TB, n int) (*Index, []string) {
	t.Helper()
	ix, err := Build(context.Background(), syntheticArticles(t, n), Config{})
	if err != nil {
		t.Fatal(err)
	}
	return ix, quotingQuestions(ix, 200)
}
