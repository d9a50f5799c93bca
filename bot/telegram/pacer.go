package telegram

import (
	"context"
	"slices"
	"sync"
	"time"
)

// pacer spaces outgoing messages so that no sliding window of Telegram's limits holds more than
// its allowance: GlobalMessages per GlobalWindow over all chats, and per chat PrivateMessages
// per PrivateWindow or GroupMessages per GroupWindow (each lengthened by Headroom). A sender
// reserves the earliest instant that keeps every window within bounds, then sleeps until it.
// Reservations may be made out of order (one chat waits for its own window while others go
// ahead), so each window keeps a sorted log of slots rather than a single "next free" time.
//
// Telegram counts a message when it arrives, somewhere between the request's start and end.
// So a slot moves to the instant its request ended, and a slot still in flight counts as
// arriving no earlier than now: a slow request (a stalled connection, a descheduled goroutine)
// then cannot make the next window's messages land too close behind it.
type pacer struct {
	limits Limits
	now    func() time.Time

	mu     sync.Mutex
	last   time.Time // latest now seen: callers' clocks race, and pruning must not go back
	global window
	chats  map[int64]*window
	sweeps int
}

// slot is one reserved message.
type slot struct {
	at    time.Time // reserved start, then the request's end
	done  bool
	chat  int64
	group bool
}

// window is a log of slots for one limit, sorted by time.
type window struct{ slots []*slot }

func newPacer(l Limits, now func() time.Time) *pacer {
	if now == nil {
		now = time.Now
	}
	l = l.withDefaults()
	if l.Headroom > 0 {
		grow := func(d time.Duration) time.Duration { return d + time.Duration(float64(d)*l.Headroom) }
		l.GlobalWindow, l.PrivateWindow, l.GroupWindow = grow(l.GlobalWindow), grow(l.PrivateWindow), grow(l.GroupWindow)
	}
	return &pacer{limits: l, now: now, chats: map[int64]*window{}}
}

// wait blocks until a message to chat may be sent, or ctx ends, and returns its slot; pass it
// to sent once the request is over, whatever its outcome. After sleeping to its slot it checks
// again: a message that was still in flight when the slot was booked and is in flight still
// counts as arriving now, and may push the slot back.
func (p *pacer) wait(ctx context.Context, chat int64, group bool) (*slot, error) {
	s := p.reserve(chat, group, p.now())
	for {
		if err := sleep(ctx, s.at.Sub(p.now())); err != nil {
			p.drop(s)
			return nil, err
		}
		if p.confirm(s, p.now()) {
			return s, nil
		}
	}
}

// confirm moves s to now if it still fits there, or else to the earliest instant it fits.
func (p *pacer) confirm(s *slot, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Before(p.last) {
		now = p.last
	}
	p.last = now
	cw := p.chats[s.chat]
	p.global.remove(s)
	cw.remove(s)
	n, span := p.limits.PrivateMessages, p.limits.PrivateWindow
	if s.group {
		n, span = p.limits.GroupMessages, p.limits.GroupWindow
	}
	s.at = p.earliestBoth(p.global.instants(now), cw.instants(now), now, n, span)
	p.global.add(s)
	cw.add(s)
	return !s.at.After(now)
}

// drop forgets a slot whose message was never sent.
func (p *pacer) drop(s *slot) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.global.remove(s)
	if cw := p.chats[s.chat]; cw != nil {
		cw.remove(s)
	}
}

// sent records that the request of slot s ended at ended.
func (p *pacer) sent(s *slot, ended time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s.done = true
	if !ended.After(s.at) {
		return
	}
	s.at = ended
	p.global.sort()
	if cw := p.chats[s.chat]; cw != nil {
		cw.sort()
	}
}

// reserve books the earliest instant at or after now at which a message to chat keeps every
// window within its allowance.
func (p *pacer) reserve(chat int64, group bool, now time.Time) *slot {
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
	t := p.earliestBoth(p.global.instants(now), cw.instants(now), now, n, span)
	s := &slot{at: t, chat: chat, group: group}
	p.global.add(s)
	cw.add(s)
	p.sweep(now)
	return s
}

// earliestBoth is the first instant at or after from that fits both the global instants and
// the chat's (n per span).
func (p *pacer) earliestBoth(global, own []time.Time, from time.Time, n int, span time.Duration) time.Time {
	t := from
	for {
		t1 := earliest(global, t, p.limits.GlobalMessages, p.limits.GlobalWindow)
		t2 := earliest(own, t1, n, span)
		if t2.Equal(t1) {
			return t1
		}
		t = t2
	}
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
		if len(w.slots) == 0 {
			delete(p.chats, id)
		}
	}
}

// prune forgets finished slots before cutoff: they share no window with any instant from now
// on. Slots in flight stay, however old.
func (w *window) prune(cutoff time.Time) {
	w.slots = slices.DeleteFunc(w.slots, func(s *slot) bool { return s.done && !s.at.After(cutoff) })
}

// remove takes s out of the log.
func (w *window) remove(s *slot) {
	if i := slices.Index(w.slots, s); i >= 0 {
		w.slots = slices.Delete(w.slots, i, i+1)
	}
}

func (w *window) add(s *slot) {
	i, _ := slices.BinarySearchFunc(w.slots, s.at, func(a *slot, t time.Time) int { return a.at.Compare(t) })
	w.slots = slices.Insert(w.slots, i, s)
}

func (w *window) sort() {
	slices.SortStableFunc(w.slots, func(a, b *slot) int { return a.at.Compare(b.at) })
}

// instants are the slots' times as the limit sees them at now: a slot still in flight may
// arrive any moment, so it counts no earlier than now.
func (w *window) instants(now time.Time) []time.Time {
	out := make([]time.Time, len(w.slots))
	for i, s := range w.slots {
		out[i] = s.at
		if !s.done && s.at.Before(now) {
			out[i] = now
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// earliest is the first instant at or after from that can join the sorted instants ts with at
// most n instants in any half-open window of length span. Adding t only becomes possible when
// an earlier instant leaves t's look-back, so the candidates are from itself and every instant
// plus span.
func earliest(ts []time.Time, from time.Time, n int, span time.Duration) time.Time {
	if fits(ts, from, n, span) {
		return from
	}
	for _, x := range ts {
		c := x.Add(span)
		if c.After(from) && fits(ts, c, n, span) {
			return c
		}
	}
	return ts[len(ts)-1].Add(span) // unreachable: past every instant the log is empty
}

// fits reports whether t can join the sorted instants ts: with t inserted, every run of n+1
// consecutive instants that includes t must spread over at least span.
func fits(ts []time.Time, t time.Time, n int, span time.Duration) bool {
	p, _ := slices.BinarySearchFunc(ts, t, func(a, b time.Time) int { return a.Compare(b) })
	at := func(i int) time.Time { // ts with t inserted at p
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
