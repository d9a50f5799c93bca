package web

import (
	"sync"
	"time"
)

// limiter is a token bucket per client key. Buckets that have refilled completely carry no state
// worth keeping, so they are dropped when the map grows, which bounds memory under many clients.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
	sweepAt int // sweep full buckets when the map reaches this size
}

type bucket struct {
	tokens float64
	last   time.Time
}

const minSweepSize = 1024

func newLimiter(ratePerSecond, burst float64, now func() time.Time) *limiter {
	return &limiter{rate: ratePerSecond, burst: burst, now: now,
		buckets: make(map[string]*bucket), sweepAt: minSweepSize}
}

// allow takes one token from key's bucket. When none is left it reports false and how long until
// one will be.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.sweepAt {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	if l.rate <= 0 {
		return false, time.Minute
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

func (l *limiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(l.burst, b.tokens+elapsed*l.rate)
		b.last = now
	}
}

// sweep drops full buckets; if most buckets are busy it raises the threshold instead, so that a
// sweep costs amortised constant time per new client.
func (l *limiter) sweep(now time.Time) {
	for key, b := range l.buckets {
		l.refill(b, now)
		if b.tokens >= l.burst {
			delete(l.buckets, key)
		}
	}
	l.sweepAt = max(minSweepSize, 2*len(l.buckets))
}
