package postgres

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// An update accepted by two replicas is fresh for one; a chat's later update waits for its
// earlier one; a dead replica's update is taken over once its lease expires, and not before.
func TestTelegramJournalClaimsAndTakeover(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	a, b := s.TelegramJournal(time.Second), s.TelegramJournal(time.Second)
	freshA, err := a.Accept(ctx, 10, 42, []byte(`{"update_id":10}`))
	if err != nil {
		t.Fatal(err)
	}
	freshB, err := b.Accept(ctx, 10, 42, []byte(`{"update_id":10}`))
	if err != nil {
		t.Fatal(err)
	}
	if !freshA || freshB {
		t.Fatalf("accepted by A %v, by B %v: want exactly A", freshA, freshB)
	}
	if _, err := b.Accept(ctx, 11, 42, []byte(`{"update_id":11}`)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Ready(ctx, 11, 42); ok {
		t.Fatal("update 11 ready while 10 of the same chat is pending")
	}
	if ok, _ := b.Ready(ctx, 12, 7); !ok {
		t.Fatal("another chat's update not ready")
	}
	// A renews its lease: B takes nothing over.
	if got, err := a.Renew(ctx); err != nil || len(got) != 0 {
		t.Fatalf("A's renew took %d (%v)", len(got), err)
	}
	if got, _ := b.Renew(ctx); len(got) != 0 {
		t.Fatalf("B took over %d updates of a live replica", len(got))
	}
	// A dies (renews no more): after the lease B takes update 10 over.
	deadline := time.Now().Add(10 * time.Second)
	var taken [][]byte
	for len(taken) == 0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond) // waiting out a lease measured by the database's clock
		if taken, err = b.Renew(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(taken) != 1 || string(taken[0]) != `{"update_id":10}` {
		t.Fatalf("B took over %q, want update 10", taken)
	}
	if err := b.Done(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Ready(ctx, 11, 42); !ok {
		t.Fatal("update 11 not ready after 10 was answered")
	}
	if fresh, _ := a.Accept(ctx, 10, 42, []byte(`{"update_id":10}`)); fresh {
		t.Fatal("an answered update redelivered was accepted again")
	}
}

// One holder at a time; when the holder's session dies, a waiter takes the lock over.
func TestWithLockOneHolderAndTakeover(t *testing.T) {
	s, other := openTwo(t)
	var holders atomic.Int32
	started := make(chan string, 2)
	run := func(name string) func(context.Context) error {
		return func(ctx context.Context) error {
			if n := holders.Add(1); n != 1 {
				t.Errorf("%d holders at once", n)
			}
			started <- name
			<-ctx.Done()
			holders.Add(-1)
			return nil
		}
	}
	ctxA, stopA := context.WithCancel(context.Background())
	ctxB, stopB := context.WithCancel(context.Background())
	defer stopB()
	doneA := make(chan error, 1)
	go func() { doneA <- s.WithLock(ctxA, "job", run("A")) }()
	if got := <-started; got != "A" {
		t.Fatalf("first holder %s", got)
	}
	go func() { _ = other.WithLock(ctxB, "job", run("B")) }()
	select {
	case got := <-started:
		t.Fatalf("%s holds the lock while A does", got)
	case <-time.After(2 * lockCheck):
	}
	stopA() // A stops: its session ends and B takes over
	<-doneA
	select {
	case got := <-started:
		if got != "B" {
			t.Fatalf("took over: %s", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("B did not take the lock over within 10 s")
	}
}
