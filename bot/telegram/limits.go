package telegram

import (
	"sync"
	"time"
)

// userLimiter is a token bucket per user: a burst of questions, then one per interval. A user
// over the limit is told once per episode, not once per message.
type userLimiter struct {
	burst    float64
	interval time.Duration

	mu      sync.Mutex
	buckets map[int64]*bucket
}

type bucket struct {
	tokens   float64
	last     time.Time
	notified bool
}

func newUserLimiter(burst int, interval time.Duration) *userLimiter {
	return &userLimiter{burst: float64(burst), interval: interval, buckets: map[int64]*bucket{}}
}

// take spends one question of user's allowance at now. When none is left, ok is false, wait
// says when the next one comes, and notify is true the first time in this episode.
func (l *userLimiter) take(user int64, now time.Time) (ok, notify bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[user]
	if b == nil {
		if len(l.buckets) >= 100000 {
			l.forgetFull(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[user] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.last))/float64(l.interval))
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		b.notified = false
		return true, false, 0
	}
	wait = time.Duration((1 - b.tokens) * float64(l.interval))
	notify = !b.notified
	b.notified = true
	return false, notify, wait
}

// forgetFull drops the buckets that have refilled: they hold nothing a new bucket would not.
func (l *userLimiter) forgetFull(now time.Time) {
	for id, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.last))/float64(l.interval) >= l.burst {
			delete(l.buckets, id)
		}
	}
}

// conversations remembers a conversation per key (a chat, or one of the bot's answer messages)
// so that follow-up questions work. It keeps at most max keys, forgetting the least recently used.
type conversations[K comparable] struct {
	max  int
	mu   sync.Mutex
	byID map[K]conversation
	tick uint64
}

type conversation struct {
	id   string
	used uint64
}

func newConversations[K comparable](max int) *conversations[K] {
	return &conversations[K]{max: max, byID: map[K]conversation{}}
}

func (c *conversations[K]) get(key K) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byID[key].id
}

func (c *conversations[K]) set(key K, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tick++
	c.byID[key] = conversation{id: id, used: c.tick}
	if len(c.byID) <= c.max {
		return
	}
	var oldest K
	at := c.tick
	for k, v := range c.byID {
		if v.used < at {
			oldest, at = k, v.used
		}
	}
	delete(c.byID, oldest)
}
