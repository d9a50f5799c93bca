package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
)

// Subscriber is a chat that gets each new edition's headlines.
type Subscriber struct {
	Chat  int64  `json:"chat"`
	Group bool   `json:"group,omitempty"`
	Daily string `json:"daily,omitempty"` // "HH:MM" in Config.TimeZone; "" for as soon as an edition lands
}

// Subscriptions keeps the subscribers and which edition went to whom. Delivery is recorded in
// two steps, as the update journal records answers: Claim before the message is sent (so that
// a crash at any point after it never sends that edition to that chat again) and Delivered once
// Telegram confirmed it. A claim without a delivery after a crash means the message may or may
// not have gone out; it is not sent again (never twice beats maybe twice).
//
// The file implementation (OpenFileSubscriptions) keeps it in the data folder; a database can
// implement it for replicas sharing one bot. Implementations must be safe for concurrent use.
type Subscriptions interface {
	// Subscribe adds s, or changes its daily time; seen are editions that count as sent
	// already (those current when the chat subscribed: it gets the next one).
	Subscribe(ctx context.Context, s Subscriber, seen []string) error
	// Unsubscribe removes a chat; false when it was not subscribed.
	Unsubscribe(ctx context.Context, chat int64) (bool, error)
	// Subscribers lists the subscribers.
	Subscribers(ctx context.Context) ([]Subscriber, error)
	// Claim durably records that edition is about to be sent to chat. It returns false when
	// the edition was claimed for that chat before (sent, being sent, or lost in a crash).
	Claim(ctx context.Context, chat int64, edition string) (bool, error)
	// Release forgets a claim whose message Telegram certainly did not take (it refused it
	// for a while), so that a later round tries again.
	Release(ctx context.Context, chat int64, edition string) error
	// Delivered records that Telegram took the message.
	Delivered(ctx context.Context, chat int64, edition string) error
}

// keepEditions is how many claimed editions are remembered per chat: far more than can be
// current at once.
const keepEditions = 100

// FileSubscriptions is Subscriptions in one JSON file, rewritten whole (temp file, fsync,
// rename) on every change, so that it is never half-written.
type FileSubscriptions struct {
	path string
	mu   sync.Mutex
	data subscriptionsFile
}

type subscriptionsFile struct {
	Version     int                       `json:"version"`
	Subscribers []Subscriber              `json:"subscribers"`
	Claimed     map[int64][]string        `json:"claimed"`   // chat → editions claimed, oldest first
	Delivered   map[int64]map[string]bool `json:"delivered"` // chat → editions confirmed sent
}

// OpenFileSubscriptions loads the subscriptions at path, or starts empty when there is no file.
func OpenFileSubscriptions(path string) (*FileSubscriptions, error) {
	s := &FileSubscriptions{path: path, data: subscriptionsFile{Version: 1, Claimed: map[int64][]string{}, Delivered: map[int64]map[string]bool{}}}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("telegram: reading subscriptions: %w", err)
	}
	if err := json.Unmarshal(raw, &s.data); err != nil {
		return nil, fmt.Errorf("telegram: subscriptions file %s is corrupt (move it away to start afresh): %w", path, err)
	}
	if s.data.Claimed == nil {
		s.data.Claimed = map[int64][]string{}
	}
	if s.data.Delivered == nil {
		s.data.Delivered = map[int64]map[string]bool{}
	}
	return s, nil
}

func (s *FileSubscriptions) Subscribe(_ context.Context, sub Subscriber, seen []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.data.Subscribers, func(x Subscriber) bool { return x.Chat == sub.Chat })
	if i >= 0 {
		s.data.Subscribers[i] = sub
	} else {
		s.data.Subscribers = append(s.data.Subscribers, sub)
	}
	for _, e := range seen {
		s.claimLocked(sub.Chat, e)
	}
	return s.saveLocked()
}

func (s *FileSubscriptions) Unsubscribe(_ context.Context, chat int64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.data.Subscribers)
	s.data.Subscribers = slices.DeleteFunc(s.data.Subscribers, func(x Subscriber) bool { return x.Chat == chat })
	if len(s.data.Subscribers) == n {
		return false, nil
	}
	delete(s.data.Claimed, chat)
	delete(s.data.Delivered, chat)
	return true, s.saveLocked()
}

func (s *FileSubscriptions) Subscribers(context.Context) ([]Subscriber, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.data.Subscribers), nil
}

func (s *FileSubscriptions) Claim(_ context.Context, chat int64, edition string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Contains(s.data.Claimed[chat], edition) {
		return false, nil
	}
	s.claimLocked(chat, edition)
	if err := s.saveLocked(); err != nil {
		s.data.Claimed[chat] = slices.DeleteFunc(s.data.Claimed[chat], func(e string) bool { return e == edition })
		return false, err
	}
	return true, nil
}

func (s *FileSubscriptions) claimLocked(chat int64, edition string) {
	if slices.Contains(s.data.Claimed[chat], edition) {
		return
	}
	c := append(s.data.Claimed[chat], edition)
	if len(c) > keepEditions {
		for _, old := range c[:len(c)-keepEditions] {
			delete(s.data.Delivered[chat], old)
		}
		c = slices.Clone(c[len(c)-keepEditions:])
	}
	s.data.Claimed[chat] = c
}

func (s *FileSubscriptions) Release(_ context.Context, chat int64, edition string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data.Claimed[chat] = slices.DeleteFunc(s.data.Claimed[chat], func(e string) bool { return e == edition })
	return s.saveLocked()
}

func (s *FileSubscriptions) Delivered(_ context.Context, chat int64, edition string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data.Delivered[chat] == nil {
		s.data.Delivered[chat] = map[string]bool{}
	}
	s.data.Delivered[chat][edition] = true
	return s.saveLocked()
}

// IsDelivered reports whether Telegram confirmed edition's message to chat (for tests and
// diagnostics).
func (s *FileSubscriptions) IsDelivered(chat int64, edition string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.Delivered[chat][edition]
}

func (s *FileSubscriptions) saveLocked() error {
	raw, err := json.MarshalIndent(s.data, "", " ")
	if err != nil {
		return fmt.Errorf("telegram: saving subscriptions: %w", err)
	}
	return writeFileAtomic(s.path, append(raw, '\n'))
}
