package retrieval

import (
	"context"
	"runtime"
	"sync"
)

// workers is how many goroutines share CPU-bound build work.
func workers() int { return runtime.GOMAXPROCS(0) }

// parallelBatches calls fn on consecutive ranges [lo,hi) of n items, size at a time, with up
// to workers ranges in flight. It stops at the first error or when ctx is done.
func parallelBatches(ctx context.Context, n, size, workers int, fn func(lo, hi int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for lo := range next {
				if err := fn(lo, min(lo+size, n)); err != nil {
					cancel(err)
					return
				}
			}
		})
	}
feed:
	for lo := 0; lo < n; lo += size {
		select {
		case next <- lo:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// orderedBatches produces results for consecutive ranges [lo,hi) of n items in parallel and
// consumes them in order on the calling goroutine. At most a few ranges per worker are held at
// a time, so memory stays bounded whatever n is.
func orderedBatches[T any](ctx context.Context, n, size int, produce func(lo, hi int) T, consume func(lo, hi int, v T)) error {
	type slot struct {
		lo, hi int
		done   chan T
	}
	w := workers()
	order := make(chan *slot, 2*w)
	jobs := make(chan *slot)
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < n; lo += size {
			s := &slot{lo, min(lo+size, n), make(chan T, 1)}
			select {
			case order <- s:
			case <-ctx.Done():
				return
			}
			jobs <- s
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < w; i++ {
		wg.Go(func() {
			for s := range jobs {
				s.done <- produce(s.lo, s.hi)
			}
		})
	}
	for s := range order {
		v := <-s.done
		if ctx.Err() == nil {
			consume(s.lo, s.hi, v)
		}
	}
	wg.Wait()
	return ctx.Err()
}
