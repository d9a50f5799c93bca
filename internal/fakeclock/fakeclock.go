// Package fakeclock is a clock for tests of schedules: it stands still until the test advances
// it, and tells the test each time the code under test starts to wait on it.
package fakeclock

import (
	"sync"
	"time"
)

// Clock has the Now and After of the schedules' Clock interfaces.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []timer
	// Waiting receives the duration of each After call (dropped when nobody reads and the
	// buffer is full), so a test knows the code is asleep before it advances the clock.
	Waiting chan time.Duration
}

type timer struct {
	at time.Time
	ch chan time.Time
}

// New returns a clock standing at now.
func New(now time.Time) *Clock {
	return &Clock{now: now, Waiting: make(chan time.Duration, 64)}
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After returns a channel that receives the clock's time once it has been advanced by d.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
	} else {
		c.timers = append(c.timers, timer{c.now.Add(d), ch})
	}
	c.mu.Unlock()
	select {
	case c.Waiting <- d:
	default:
	}
	return ch
}

// Advance moves the clock on by d and fires the timers that are due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			kept = append(kept, t)
			continue
		}
		t.ch <- c.now
	}
	c.timers = kept
}
