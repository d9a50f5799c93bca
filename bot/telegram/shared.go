package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SharedJournal is an update journal that several replicas of one bot share (a database), set by
// Config.Journal in place of the file in Config.StateDir. An update delivered to two replicas is
// accepted by one; the accepting replica holds it under a lease it renews while alive, and when a
// replica dies its leases expire and the others take its updates over.
type SharedJournal interface {
	// Accept records update id (of chat, as JSON) unless any replica accepted it before, claiming
	// it for this replica; fresh reports that it was new. It returns once the record is durable.
	Accept(ctx context.Context, id int, chat int64, update []byte) (fresh bool, err error)
	// Ready reports whether every earlier update of chat is done, so that id may be answered now
	// (each chat's order holds across replicas).
	Ready(ctx context.Context, id int, chat int64) (bool, error)
	// Done records that update id was answered (or deliberately left unanswered).
	Done(ctx context.Context, id int) error
	// Renew extends the leases this replica holds and takes over the updates whose lease expired
	// (their replica died), returning them as JSON in update ID order.
	Renew(ctx context.Context) ([][]byte, error)
	// Interval is how often Renew must run for the leases to stay held.
	Interval() time.Duration
}

// updateJournal is what the bot needs of its journal: the file journal or a SharedJournal.
type updateJournal interface {
	accept(updates []tgbotapi.Update) ([]tgbotapi.Update, error)
	done(id int) error
	pendingUpdates() ([]tgbotapi.Update, error)
	pendingCount() (int, <-chan struct{})
	isHandled(id int) bool
	// ready reports whether u may be answered now rather than after an earlier update of its chat.
	ready(u tgbotapi.Update) bool
	// follow runs until ctx ends, handing over updates left by other processes.
	follow(ctx context.Context, enqueue func(tgbotapi.Update))
}

// The file journal serves one process: every update it holds is its own, in order.
func (j *journal) ready(tgbotapi.Update) bool                       { return true }
func (j *journal) follow(context.Context, func(tgbotapi.Update))    {}
func (s *sharedJournal) pendingUpdates() ([]tgbotapi.Update, error) { return nil, nil }

// callTimeout bounds one journal call to the shared store.
const callTimeout = 10 * time.Second

// sharedJournal adapts a SharedJournal. It counts the updates this replica holds (for polling's
// backpressure) and remembers those it answered.
type sharedJournal struct {
	j   SharedJournal
	log *slog.Logger

	mu      sync.Mutex
	held    map[int]bool
	handled map[int]bool
	order   []int // handled IDs, oldest first, bounded by keepHandled
	changed chan struct{}
}

func newSharedJournal(j SharedJournal, log *slog.Logger) *sharedJournal {
	return &sharedJournal{j: j, log: log, held: map[int]bool{}, handled: map[int]bool{}, changed: make(chan struct{})}
}

func (s *sharedJournal) accept(updates []tgbotapi.Update) ([]tgbotapi.Update, error) {
	var fresh []tgbotapi.Update
	for _, u := range updates {
		raw, err := json.Marshal(u)
		if err != nil {
			return fresh, fmt.Errorf("telegram: journaling update %d: %w", u.UpdateID, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		ok, err := s.j.Accept(ctx, u.UpdateID, updateChat(u), raw)
		cancel()
		if err != nil {
			return fresh, fmt.Errorf("telegram: journaling update %d: %w", u.UpdateID, err)
		}
		if ok {
			s.hold(u.UpdateID)
			fresh = append(fresh, u)
		}
	}
	slices.SortFunc(fresh, func(a, b tgbotapi.Update) int { return a.UpdateID - b.UpdateID })
	return fresh, nil
}

func (s *sharedJournal) hold(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held[id] = true
}

// done records the answer, retrying while the store is unreachable: an update left pending would
// be answered again by whichever replica takes it over.
func (s *sharedJournal) done(id int) error {
	var err error
	for attempt := range 6 {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		err = s.j.Done(ctx, id)
		cancel()
		if err == nil {
			break
		}
		time.Sleep(time.Duration(100<<attempt) * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.held, id)
	if !s.handled[id] {
		s.handled[id] = true
		s.order = append(s.order, id)
		if len(s.order) > keepHandled {
			delete(s.handled, s.order[0])
			s.order = s.order[1:]
		}
	}
	close(s.changed)
	s.changed = make(chan struct{})
	if err != nil {
		return fmt.Errorf("telegram: recording update %d as answered: %w", id, err)
	}
	return nil
}

func (s *sharedJournal) pendingCount() (int, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.held), s.changed
}

func (s *sharedJournal) isHandled(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handled[id]
}

// ready asks the store whether an earlier update of u's chat is still pending (held by another
// replica, or waiting to be taken over); a store that cannot answer means "not yet".
func (s *sharedJournal) ready(u tgbotapi.Update) bool {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	ok, err := s.j.Ready(ctx, u.UpdateID, updateChat(u))
	if err != nil {
		s.log.Warn("telegram: checking the chat's order in the shared journal failed; retrying", "update", u.UpdateID, "err", err)
	}
	return err == nil && ok
}

// follow renews this replica's leases and queues the updates it takes over from dead replicas.
func (s *sharedJournal) follow(ctx context.Context, enqueue func(tgbotapi.Update)) {
	t := time.NewTicker(s.j.Interval())
	defer t.Stop()
	for {
		rctx, cancel := context.WithTimeout(ctx, callTimeout)
		raws, err := s.j.Renew(rctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			s.log.Warn("telegram: renewing leases in the shared journal failed", "err", err)
		}
		for _, raw := range raws {
			var u tgbotapi.Update
			if err := json.Unmarshal(raw, &u); err != nil {
				s.log.Error("telegram: an update in the shared journal could not be read", "err", err)
				continue
			}
			s.log.Info("telegram: taking over an update whose replica stopped answering", "update", u.UpdateID)
			s.hold(u.UpdateID)
			enqueue(u)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
