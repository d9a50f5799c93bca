package telegram

import (
	"context"
	"slices"
	"sync"
	"time"
)

// pacer spaces outgoing messages so that no sliding window of Telegram's limits holds more than
// its allowance: GlobalMessages per GlobalWindow over all chats, and per chat PrivateMessages
// per PrivateWindow or GroupMessages per GroupWindow. A sender reserves the earliest instant
// that keeps every window within bounds, then sleeps until it. Reservations may be made out of
// order (one chat waits for its own window while others go ahead), so each window keeps a
// sorted log of reserved instants rather than a single "next free" time.
type pacer struct {
	limits Limits
	now    func() time.Time

	mu     sync.Mutex
	last   time.Time // latest now seen: callers' clocks race, and pruning must not go back
	global window
	chats  map[int64]*window
	sweeps int
}

// window is a sorted log of reserved send instants for one limit.
type window struct{ times []time.Time }

func newPacer(l Limits, now func() time.Time) *pacer {
	if now == nil {
		now = time.Now
	}
	return &pacer{limits: l.withDefaults(), now: now, chats: map[int64]*window{}}
}

// wait blocks until a message to chat may be sent, or ctx ends.
func (p *pacer) wait(ctx context.Context, chat int64, group bool) error {
	now := p.now()
	at := p.reserve(chat, group, now)
	return sleep(ctx, at.Sub(now))
}

// reserve books the earliest instant at or after now at which a message to chat keeps every
// window within its allowance, and returns it.
func (p *pacer) reserve(chat int64, group bool, now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Before(p.last) {
		now = p.last
	}
	p.last = now
	n, span := p.limits.PrivateMessages, p.limits.PrivateWindow
	if group {
		n, span = p.limits.GroupMessages, p.limits.GroupWindow
	}
	cw := p.chats[chat]
	if cw == nil {
		cw = &window{}
		p.chats[chat] = cw
	}
	p.global.prune(now.Add(-p.limits.GlobalWindow))
	cw.prune(now.Add(-span))
	t := now
	for {
		t1 := p.global.earliest(t, p.limits.GlobalMessages, p.limits.GlobalWindow)
		t2 := cw.earliest(t1, n, span)
		if t2.Equal(t1) {
			t = t1
			break
		}
		t = t2
	}
	p.global.add(t)
	cw.add(t)
	p.sweep(now)
	return t
}

// sweep drops idle chats' windows now and then so that the map does not grow without bound.
func (p *pacer) sweep(now time.Time) {
	p.sweeps++
	if p.sweeps%1024 != 0 {
		return
	}
	longest := max(p.limits.PrivateWindow, p.limits.GroupWindow)
	for id, w := range p.chats {
		w.prune(now.Add(-longest))
		if len(w.times) == 0 {
			delete(p.chats, id)
		}
	}
}

// prune forgets instants before cutoff: they share no window with any instant from now on.
func (w *window) prune(cutoff time.Time) {
	i := 0
	for i < len(w.times) && !w.times[i].After(cutoff) {
		i++
	}
	w.times = w.times[i:]
}

func (w *window) add(t time.Time) {
	i, _ := slices.BinarySearchFunc(w.times, t, func(a, b time.Time) int { return a.Compare(b) })
	w.times = slices.Insert(w.times, i, t)
}

// earliest is the first instant at or after from that can join the log with at most n instants
// in any half-open window of length span. Adding t only becomes possible when an earlier instant
// leaves t's look-back, so the candidates are from itself and every logged instant plus span.
func (w *window) earliest(from time.Time, n int, span time.Duration) time.Time {
	if w.fits(from, n, span) {
		return from
	}
	for _, x := range w.times {
		c := x.Add(span)
		if c.After(from) && w.fits(c, n, span) {
			return c
		}
	}
	return w.times[len(w.times)-1].Add(span) // unreachable: past every instant the log is empty
}

// fits reports whether t can join the log: with t inserted, every run of n+1 consecutive
// instants that includes t must spread over at least span.
func (w *window) fits(t time.Time, n int, span time.Duration) bool {
	ts := w.times
	p, _ := slices.BinarySearchFunc(ts, t, func(a, b time.Time) int { return a.Compare(b) })
	at := func(i int) time.Time { // the log with t inserted at p
		switch {
		case i < p:
			return ts[i]
		case i == p:
			return t
		default:
			return ts[i-1]
		}
	}
	total := len(ts) + 1
	for first := max(0, p-n); first <= p && first+n < total; first++ {
		if at(first+n).Sub(at(first)) < span {
			return false
		}
	}
	return true
}
