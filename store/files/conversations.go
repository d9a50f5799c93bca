package files

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// keepTurns bounds the turns kept per conversation in memory and in the compacted log; the
// engine asks for fewer (bot.DefaultMaxTurns).
const keepTurns = 16

// Conversations is bot.ConversationStore in a file: each turn is one JSON line appended to the
// log (a crash loses at most a torn last line, which is skipped), the live conversations are kept
// in memory, and the log is rewritten atomically with only them when it opens and whenever it
// has grown to several times their size. Safe for concurrent use by one process.
type Conversations struct {
	path     string
	ttl      time.Duration
	maxConvs int

	mu    sync.Mutex
	f     *os.File
	convs map[string]*conversation
	lines int // lines in the log
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
	c := &Conversations{path: path, ttl: ttl, maxConvs: maxConvs, convs: map[string]*conversation{}}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("files: reading conversations %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.ID == "" {
			continue // a line torn by a crash, or foreign: that turn is lost, the rest stands
		}
		c.add(r.ID, r.Turn, r.At, keepTurns)
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
	var buf bytes.Buffer
	lines := 0
	for id, cv := range c.convs {
		for _, t := range cv.turns {
			line, err := json.Marshal(record{ID: id, At: cv.at, Turn: t})
			if err != nil {
				return fmt.Errorf("files: compacting conversations: %w", err)
			}
			buf.Write(append(line, '\n'))
			lines++
		}
	}
	if err := writeAtomic(c.path, buf.Bytes()); err != nil {
		return fmt.Errorf("files: compacting conversations %s: %w", c.path, err)
	}
	if c.f != nil {
		c.f.Close()
	}
	f, err := os.OpenFile(c.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("files: opening conversations %s: %w", c.path, err)
	}
	c.f, c.lines = f, lines
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
	line, err := json.Marshal(record{ID: id, At: at, Turn: turn})
	if err != nil {
		return fmt.Errorf("files: recording a conversation turn: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("files: recording a conversation turn in %s: %w", c.path, err)
	}
	c.lines++
	c.add(id, turn, at, min(max, keepTurns))
	if len(c.convs) > c.maxConvs+c.maxConvs/10 || c.lines > 4*c.live+1000 {
		c.expire(at)
		return c.compact()
	}
	return nil
}

// Close closes the log.
func (c *Conversations) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.f.Close()
}

// writeAtomic replaces path with data: a synced temp file in the same folder renamed over it.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
