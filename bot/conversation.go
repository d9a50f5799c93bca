package bot

import (
	"container/list"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"newsbot/bot/internal/intent"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Conversation store defaults: bounded so that a public endpoint cannot grow it without limit.
const (
	DefaultMaxConversations = 10000
	DefaultConversationTTL  = 30 * time.Minute
	DefaultMaxTurns         = 5
	maxConversationIDBytes  = 128
)

// turn is one answered question of a conversation, kept to resolve follow-ups.
type turn struct {
	Question  string // as asked
	Resolved  string // the question with its subject restored (the retrieval query)
	Topic     []string
	Type      intent.Type
	ArticleID string // main source of the answer, "" when refused
	Found     bool
}

type conversation struct {
	id    string
	turns []turn
	seen  time.Time
}

// ConversationStore keeps conversations outside the engine's memory: in the data folder, so that
// a restart keeps follow-ups, or in a database that replicas share, so that a follow-up may reach
// any of them. Turns are opaque JSON to it. Options.Conversations sets it; without one the
// engine keeps conversations in memory.
type ConversationStore interface {
	// Turns returns the last max turns of conversation id, oldest first, or none when its newest
	// turn is older than since (the conversation went idle).
	Turns(ctx context.Context, id string, since time.Time, max int) ([]json.RawMessage, error)
	// Append records a turn of conversation id made at time at, keeping the last max turns.
	Append(ctx context.Context, id string, turn json.RawMessage, at time.Time, max int) error
}

// ErrUnavailable is wrapped by the errors of Ask when shared state (the conversation store) could
// not be reached: the question may be asked again later (a web server answers 503).
var ErrUnavailable = errors.New("bot: conversation store unavailable")

// conversations is an LRU of conversations with an idle TTL, or the front of a ConversationStore.
// Safe for concurrent use.
type conversations struct {
	store    ConversationStore // nil: the LRU below
	mu       sync.Mutex
	max      int
	ttl      time.Duration
	maxTurns int
	now      func() time.Time
	order    *list.List // front: most recently used
	byID     map[string]*list.Element
}

func newConversations(maxConvs int, ttl time.Duration, maxTurns int, now func() time.Time) *conversations {
	if maxConvs <= 0 {
		maxConvs = DefaultMaxConversations
	}
	if ttl <= 0 {
		ttl = DefaultConversationTTL
	}
	if maxTurns <= 0 {
		maxTurns = DefaultMaxTurns
	}
	if now == nil {
		now = time.Now
	}
	return &conversations{max: maxConvs, ttl: ttl, maxTurns: maxTurns, now: now,
		order: list.New(), byID: map[string]*list.Element{}}
}

// newConversationID is 128 random bits, hex: opaque and unguessable.
func newConversationID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// validID accepts IDs a client may have been given or chosen: at most maxConversationIDBytes of
// valid UTF-8, every character printable ("用户-张三", "user 42"), not blank. A control character
// (a newline, an escape) could forge log lines or headers, so it is refused and the client is given a
// new ID.
func validID(id string) bool {
	if strings.TrimSpace(id) == "" || len(id) > maxConversationIDBytes || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// history returns the conversation's live turns (oldest first) and the ID to answer under: the
// given one when usable (an unknown or expired ID simply starts fresh under that ID), else a new one.
func (cs *conversations) history(ctx context.Context, id string) (string, []turn, error) {
	if !validID(id) {
		return newConversationID(), nil, nil
	}
	if cs.store != nil {
		turns, err := cs.storedHistory(ctx, id)
		return id, turns, err
	}
	h := cs.memoryHistory(id)
	return id, h, nil
}

// historyFrom is history for a question replying to an earlier answer: that answer's turn stands
// for the conversation's history (follow-ups resolve from the last turn), so the store is not read.
func (cs *conversations) historyFrom(id string, from turn) (string, []turn) {
	if !validID(id) {
		id = newConversationID()
	}
	return id, []turn{from}
}

// storedHistory reads a conversation's turns from the store.
func (cs *conversations) storedHistory(ctx context.Context, id string) ([]turn, error) {
	raws, err := cs.store.Turns(ctx, id, cs.now().Add(-cs.ttl), cs.maxTurns)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	turns := make([]turn, 0, len(raws))
	for _, raw := range raws {
		var t turn
		if err := json.Unmarshal(raw, &t); err != nil {
			continue // a turn written by another version: the follow-up resolves without it
		}
		turns = append(turns, t)
	}
	return turns, nil
}

func (cs *conversations) memoryHistory(id string) []turn {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	el, ok := cs.byID[id]
	if !ok {
		return nil
	}
	c := el.Value.(*conversation)
	if cs.now().Sub(c.seen) > cs.ttl {
		cs.order.Remove(el)
		delete(cs.byID, id)
		return nil
	}
	return append([]turn(nil), c.turns...)
}

// record appends t to conversation id, evicting the least recently used conversations and the
// oldest turns beyond the bounds, and returns the turn as JSON (Answer.Turn).
func (cs *conversations) record(ctx context.Context, id string, t turn) (json.RawMessage, error) {
	raw, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("bot: encoding a conversation turn: %w", err)
	}
	if cs.store != nil {
		if err := cs.store.Append(ctx, id, raw, cs.now(), cs.maxTurns); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
		return raw, nil
	}
	cs.recordMemory(id, t)
	return raw, nil
}

func (cs *conversations) recordMemory(id string, t turn) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	now := cs.now()
	el, ok := cs.byID[id]
	if !ok {
		el = cs.order.PushFront(&conversation{id: id})
		cs.byID[id] = el
	} else {
		cs.order.MoveToFront(el)
	}
	c := el.Value.(*conversation)
	c.seen = now
	c.turns = append(c.turns, t)
	if len(c.turns) > cs.maxTurns {
		c.turns = append([]turn(nil), c.turns[len(c.turns)-cs.maxTurns:]...)
	}
	for cs.order.Len() > cs.max {
		last := cs.order.Back()
		cs.order.Remove(last)
		delete(cs.byID, last.Value.(*conversation).id)
	}
}

// len is the number of stored conversations (tests).
func (cs *conversations) len() int {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.order.Len()
}
