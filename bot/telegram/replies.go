package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"newsbot/internal/jsonlog"
)

// Replies remembers which answer each message the bot sent carried (its conversation and the
// answer's turn, bot.Answer.Turn), so that a reply to that message continues from that answer:
// on another replica when the store is shared (a database), and after a restart when it is kept
// on disk. Config.Replies sets it; the default keeps the last 50,000 in memory.
type Replies interface {
	// Remember records that message (chat, message) carried an answer of conversation conv whose
	// turn is turn (nil when the engine gives none).
	Remember(ctx context.Context, r SentAnswer) error
	// Recall returns what Remember recorded for message (chat, message); ok is false when nothing
	// is known of it (never an answer, or forgotten).
	Recall(ctx context.Context, chat int64, message int) (r SentAnswer, ok bool, err error)
}

// SentAnswer is a message the bot sent with an answer, and the answer it carried.
type SentAnswer struct {
	Chat         int64           `json:"chat"`
	Message      int             `json:"message"`
	Conversation string          `json:"conversation"`
	Turn         json.RawMessage `json:"turn,omitempty"`
	At           time.Time       `json:"at"`
}

// KeepReplies is how long a sent answer is remembered for replies to it.
const KeepReplies = 30 * 24 * time.Hour

// maxReplies bounds the answers remembered in memory and in the file.
const maxReplies = 50000

// memoryReplies is the default Replies: the most recent answers of this process, in memory.
type memoryReplies struct {
	max   int
	mu    sync.Mutex
	byMsg map[sentMessage]SentAnswer
	order []sentMessage // oldest first
}

func newMemoryReplies(max int) *memoryReplies {
	return &memoryReplies{max: max, byMsg: map[sentMessage]SentAnswer{}}
}

func (m *memoryReplies) Remember(_ context.Context, r SentAnswer) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	key := sentMessage{chat: r.Chat, id: r.Message}
	if _, ok := m.byMsg[key]; !ok {
		m.order = append(m.order, key)
	}
	m.byMsg[key] = r
	for len(m.order) > m.max {
		delete(m.byMsg, m.order[0])
		m.order = m.order[1:]
	}
	return nil
}

func (m *memoryReplies) Recall(_ context.Context, chat int64, message int) (SentAnswer, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.byMsg[sentMessage{chat: chat, id: message}]
	return r, ok, nil
}

// FileReplies is Replies in a file of the state folder (the default, telegram-<bot id>.replies.jsonl),
// so that a restart keeps what each answer message carried: one JSON line appended per message
// (a crash loses at most a torn last line, skipped at open), the newest maxReplies of the last
// KeepReplies kept in memory, the file rewritten with only those at open and when it has grown
// to twice as many lines. Safe for concurrent use by one process.
type FileReplies struct {
	mem *memoryReplies

	mu  sync.Mutex
	log *jsonlog.Log
}

// OpenFileReplies loads the file at path (none yet is fine) and opens it for appending.
func OpenFileReplies(path string) (*FileReplies, error) {
	r := &FileReplies{mem: newMemoryReplies(maxReplies), log: jsonlog.New(path)}
	since := time.Now().Add(-KeepReplies)
	err := r.log.Read(func(line []byte) {
		var a SentAnswer
		if json.Unmarshal(line, &a) != nil || a.Message == 0 || a.At.Before(since) {
			return // torn by a crash, or too old
		}
		_ = r.mem.Remember(context.Background(), a)
	})
	if err != nil {
		return nil, fmt.Errorf("telegram: sent answers: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.compactLocked(); err != nil {
		return nil, err
	}
	return r, nil
}

// compactLocked rewrites the file with the remembered answers only and reopens it for appending.
func (r *FileReplies) compactLocked() error {
	r.mem.mu.Lock()
	live := make([]any, 0, len(r.mem.order))
	for _, k := range r.mem.order {
		live = append(live, r.mem.byMsg[k])
	}
	r.mem.mu.Unlock()
	if err := r.log.Rewrite(live); err != nil {
		return fmt.Errorf("telegram: compacting sent answers: %w", err)
	}
	return nil
}

// Remember appends the answer to the file, then keeps it in memory.
func (r *FileReplies) Remember(ctx context.Context, a SentAnswer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.log.Append(a); err != nil {
		return fmt.Errorf("telegram: recording a sent answer: %w", err)
	}
	_ = r.mem.Remember(ctx, a)
	if r.log.Lines() > 2*maxReplies {
		return r.compactLocked()
	}
	return nil
}

// Recall returns the answer message (chat, message) carried.
func (r *FileReplies) Recall(ctx context.Context, chat int64, message int) (SentAnswer, bool, error) {
	return r.mem.Recall(ctx, chat, message)
}

// Close closes the file.
func (r *FileReplies) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.Close()
}
