package postgres

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"newsbot/bot/telegram"
)

// Subscribing, claiming once across replicas, releasing, unsubscribing.
func TestSubscriptions(t *testing.T) {
	s, other := openTwo(t)
	ctx := context.Background()
	a, b := s.Subscriptions(), other.Subscriptions()
	if err := a.Subscribe(ctx, telegram.Subscriber{Chat: 1, Daily: "07:30"}, []string{"old"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Subscribe(ctx, telegram.Subscriber{Chat: 2, Group: true}, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Subscribe(ctx, telegram.Subscriber{Chat: 1, Daily: "08:00"}, nil); err != nil {
		t.Fatal(err)
	}
	subs, err := b.Subscribers(ctx)
	if err != nil || len(subs) != 2 || subs[0] != (telegram.Subscriber{Chat: 1, Daily: "08:00"}) || !subs[1].Group {
		t.Fatalf("subscribers = %+v, %v", subs, err)
	}
	if ok, _ := a.Claim(ctx, 1, "old"); ok {
		t.Error("an edition current at subscription was claimed")
	}
	// Eight claimers (replicas' delivery rounds) race for one chat and edition: one wins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := []*Subscriptions{a, b}[i%2].Claim(ctx, 2, "new"); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d claims won, want 1", wins.Load())
	}
	if err := a.Release(ctx, 2, "new"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Claim(ctx, 2, "new"); !ok {
		t.Fatal("a released edition could not be claimed again")
	}
	if err := b.Delivered(ctx, 2, "new"); err != nil {
		t.Fatal(err)
	}
	if err := a.Release(ctx, 2, "new"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.Claim(ctx, 2, "new"); ok {
		t.Fatal("a delivered edition was released and claimed again")
	}
	if ok, err := a.Unsubscribe(ctx, 2); !ok || err != nil {
		t.Fatalf("unsubscribe: %v %v", ok, err)
	}
	if ok, _ := a.Unsubscribe(ctx, 2); ok {
		t.Fatal("unsubscribed twice")
	}
}
