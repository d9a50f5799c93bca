package postgres

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"newsbot/bot/telegram"
)

// What one replica records of a sent answer, another recalls; a message recorded again keeps the
// newer answer; Prune forgets old ones.
func TestReplies(t *testing.T) {
	s, other := openTwo(t)
	ctx := context.Background()
	a, b := s.Replies(), other.Replies()
	if _, ok, err := b.Recall(ctx, -100, 7); ok || err != nil {
		t.Fatalf("an unknown message recalled: %v %v", ok, err)
	}
	old := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Millisecond)
	now := time.Now().UTC().Truncate(time.Millisecond)
	if err := a.Remember(ctx, telegram.SentAnswer{Chat: -100, Message: 7, Conversation: "c1", Turn: json.RawMessage(`{"Q":"x"}`), At: old}); err != nil {
		t.Fatal(err)
	}
	if err := a.Remember(ctx, telegram.SentAnswer{Chat: -100, Message: 8, Conversation: "c1", At: now}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := b.Recall(ctx, -100, 7)
	if err != nil || !ok || got.Conversation != "c1" || string(got.Turn) != `{"Q": "x"}` || !got.At.Equal(old) {
		t.Fatalf("recalled %+v (turn %s), %v %v", got, got.Turn, ok, err)
	}
	if got, ok, _ := b.Recall(ctx, -100, 8); !ok || got.Turn != nil {
		t.Errorf("an answer without a turn recalled as %+v", got)
	}
	if err := b.Remember(ctx, telegram.SentAnswer{Chat: -100, Message: 8, Conversation: "c2", At: now}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := a.Recall(ctx, -100, 8); got.Conversation != "c2" {
		t.Errorf("a message recorded again recalls %q, want the newer c2", got.Conversation)
	}
	if n, err := a.Prune(ctx, now.Add(-time.Hour)); err != nil || n != 1 {
		t.Errorf("pruned %d, %v; want 1", n, err)
	}
	if _, ok, _ := b.Recall(ctx, -100, 7); ok {
		t.Error("a pruned answer is still recalled")
	}
}
