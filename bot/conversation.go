package bot

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
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
	Type      qType
	ArticleID string // main source of the answer, "" when refused
	Found     bool
}

type conversation struct {
	id    string
	turns []turn
	seen  time.Time
}

// conversations is an LRU of conversations with an idle TTL. Safe for concurrent use.
type conversations struct {
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
func (cs *conversations) history(id string) (string, []turn) {
	if !validID(id) {
		return newConversationID(), nil
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	el, ok := cs.byID[id]
	if !ok {
		return id, nil
	}
	c := el.Value.(*conversation)
	if cs.now().Sub(c.seen) > cs.ttl {
		cs.order.Remove(el)
		delete(cs.byID, id)
		return id, nil
	}
	return id, append([]turn(nil), c.turns...)
}

// record appends t to conversation id, evicting the least recently used conversations and the
// oldest turns beyond the bounds.
func (cs *conversations) record(id string, t turn) {
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
