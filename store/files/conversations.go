package files

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"newsbot/internal/jsonlog"
)

// keepTurns bounds the turns kept per conversation in memory and in the compacted log; the
// engine asks for fewer (bot.DefaultMaxTurns).
const keepTurns = 16

// Conversations is bot.ConversationStore in a file: each turn is one JSON line appended to the
// log (a crash loses at most a torn last line, which is skipped), the live conversations are kept
// in memory, and the log is rewritten atomically with only them when it opens and whenever it
// has grown to several times their size. Safe for concurrent use by one process.
type Conversations struct {
	ttl      time.Duration
	maxConvs int

	mu    sync.Mutex
	log   *jsonlog.Log
	convs map[string]*conversation
	live  int // turns held in convs
}

type conversation struct {
	turns []json.RawMessage
	at    time.Time
}

// record is one line of the log.
type record struct {
	ID   string          `json:"id"`
	At   time.Time       `json:"at"`
	Turn json.RawMessage `json:"turn"`
}

// OpenConversations loads the log at path (none yet is fine), drops the conversations idle past
// ttl and the least recently used beyond maxConvs, compacts the log and opens it for appending.
func OpenConversations(path string, ttl time.Duration, maxConvs int) (*Conversations, error) {
	c := &Conversations{ttl: ttl, maxConvs: maxConvs, convs: map[string]*conversation{}, log: jsonlog.New(path)}
	err := c.log.Read(func(line []byte) {
		var r record
		if json.Unmarshal(line, &r) != nil || r.ID == "" {
			return // a line torn by a crash, or foreign: that turn is lost, the rest stands
		}
		c.add(r.ID, r.Turn, r.At, keepTurns)
	})
	if err != nil {
		return nil, fmt.Errorf("files: conversations: %w", err)
	}
	c.expire(time.Now())
	if err := c.compact(); err != nil {
		return nil, err
	}
	return c, nil
}

// add keeps turn as conversation id's newest, at most max turns.
func (c *Conversations) add(id string, turn json.RawMessage, at time.Time, max int) {
	cv := c.convs[id]
	if cv == nil {
		cv = &conversation{}
		c.convs[id] = cv
	}
	c.live -= len(cv.turns)
	cv.turns = append(cv.turns, turn)
	if len(cv.turns) > max {
		cv.turns = slices.Clone(cv.turns[len(cv.turns)-max:])
	}
	cv.at = at
	c.live += len(cv.turns)
}

// expire drops idle conversations, then the least recently used beyond maxConvs.
func (c *Conversations) expire(now time.Time) {
	for id, cv := range c.convs {
		if now.Sub(cv.at) > c.ttl {
			c.drop(id)
		}
	}
	if len(c.convs) <= c.maxConvs {
		return
	}
	ids := make([]string, 0, len(c.convs))
	for id := range c.convs {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return c.convs[a].at.Compare(c.convs[b].at) })
	for _, id := range ids[:len(ids)-c.maxConvs] {
		c.drop(id)
	}
}

func (c *Conversations) drop(id string) {
	c.live -= len(c.convs[id].turns)
	delete(c.convs, id)
}

// compact rewrites the log with the live turns only (temp file, fsync, rename) and reopens it
// for appending.
func (c *Conversations) compact() error {
	var live []any
	for id, cv := range c.convs {
		for _, t := range cv.turns {
			live = append(live, record{ID: id, At: cv.at, Turn: t})
		}
	}
	if err := c.log.Rewrite(live); err != nil {
		return fmt.Errorf("files: compacting conversations: %w", err)
	}
	return nil
}

// Turns returns the last max turns of conversation id, oldest first, none when idle since since.
func (c *Conversations) Turns(_ context.Context, id string, since time.Time, max int) ([]json.RawMessage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv := c.convs[id]
	if cv == nil || cv.at.Before(since) {
		return nil, nil
	}
	return slices.Clone(cv.turns[max0(len(cv.turns)-max):]), nil
}

func max0(n int) int { return max(n, 0) }

// Append records a turn: one line appended to the log (a process crash keeps it: the kernel
// holds the write), compacting the log when it has grown to four times what is live.
func (c *Conversations) Append(_ context.Context, id string, turn json.RawMessage, at time.Time, max int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.log.Append(record{ID: id, At: at, Turn: turn}); err != nil {
		return fmt.Errorf("files: recording a conversation turn: %w", err)
	}
	c.add(id, turn, at, min(max, keepTurns))
	if len(c.convs) > c.maxConvs+c.maxConvs/10 || c.log.Lines() > 4*c.live+1000 {
		c.expire(at)
		return c.compact()
	}
	return nil
}

// Close closes the log.
func (c *Conversations) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.log.Close()
}
