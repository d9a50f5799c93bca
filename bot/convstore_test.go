package bot

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"
)

// mapStore is a ConversationStore in a map, shared by several engines as replicas share a database.
type mapStore struct {
	mu    sync.Mutex
	turns map[string][]json.RawMessage
	at    map[string]time.Time
	fail  error
}

func newMapStore() *mapStore {
	return &mapStore{turns: map[string][]json.RawMessage{}, at: map[string]time.Time{}}
}

func (m *mapStore) Turns(_ context.Context, id string, since time.Time, keep int) ([]json.RawMessage, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	if m.at[id].Before(since) {
		return nil, nil
	}
	ts := m.turns[id]
	return append([]json.RawMessage(nil), ts[max(0, len(ts)-keep):]...), nil
}

func (m *mapStore) Append(_ context.Context, id string, turn json.RawMessage, at time.Time, keep int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	ts := append(m.turns[id], turn)
	m.turns[id] = ts[max(0, len(ts)-keep):]
	m.at[id] = at
	return nil
}

// twoReplicas are two engines sharing one conversation store, as two replicas sharing a database.
func twoReplicas(t *testing.T) (store *mapStore, a, b *Engine) {
	t.Helper()
	store = newMapStore()
	return store, fixtureEngine(t, Options{Conversations: store}), fixtureEngine(t, Options{Conversations: store})
}

// A follow-up asked of another engine sharing the store continues the conversation begun on the
// first: what two replicas sharing a database do.
func TestConversationStoreSharedByTwoEngines(t *testing.T) {
	store, a, b := twoReplicas(t)
	ctx := context.Background()
	first, err := a.Ask(ctx, "", "达茂旗的总面积是多少？")
	if err != nil || !first.Found {
		t.Fatalf("first question: %+v, %v", first, err)
	}
	alone, err := b.Ask(ctx, "", "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	follow, err := b.Ask(ctx, first.Conversation, "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	if !follow.Found || len(follow.Citations) == 0 || follow.Citations[0].ArticleID != first.Citations[0].ArticleID {
		t.Fatalf("follow-up on the other engine did not continue the conversation: %+v", follow)
	}
	if alone.Found && len(alone.Citations) > 0 && alone.Citations[0].ArticleID == first.Citations[0].ArticleID && alone.Answer == follow.Answer {
		t.Fatalf("the follow-up answers the same without the conversation: the test proves nothing (%q)", alone.Answer)
	}
	if n := len(store.turns[first.Conversation]); n != 2 {
		t.Errorf("stored turns = %d, want 2", n)
	}
}

// A store that cannot be reached fails the question with ErrUnavailable (a 503 on the web), and
// the engine answers again once it is back.
func TestConversationStoreUnavailable(t *testing.T) {
	store := newMapStore()
	e := fixtureEngine(t, Options{Conversations: store})
	store.fail = errors.New("connection refused")
	if _, err := e.Ask(context.Background(), "c1", "达茂旗的总面积是多少？"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	store.fail = nil
	if ans, err := e.Ask(context.Background(), "c1", "达茂旗的总面积是多少？"); err != nil || !ans.Found {
		t.Fatalf("after recovery: %+v, %v", ans, err)
	}
}

// A question replying to an older answer (AskFrom with that answer's Turn) continues from that
// answer, on another engine sharing the store, though the conversation has moved on since; the
// answer it gives becomes the conversation's latest.
func TestAskFromAnOlderAnswer(t *testing.T) {
	store, a, b := twoReplicas(t)
	ctx := context.Background()
	first, err := a.Ask(ctx, "chat", "达茂旗的总面积是多少？")
	if err != nil || !first.Found || len(first.Turn) == 0 {
		t.Fatalf("first question: %+v, %v", first, err)
	}
	second, err := a.Ask(ctx, "chat", "消防宣传月活动是哪天启动的？")
	if err != nil || !second.Found || second.Citations[0].ArticleID == first.Citations[0].ArticleID {
		t.Fatalf("second question should cite another article: %+v, %v", second, err)
	}
	latest, err := b.Ask(ctx, "chat", "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	reply, err := b.AskFrom(ctx, "chat", first.Turn, "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	if !reply.Found || reply.Citations[0].ArticleID != first.Citations[0].ArticleID || reply.Conversation != "chat" {
		t.Fatalf("the reply to the first answer does not continue from it: %+v", reply)
	}
	if latest.Found && latest.Citations[0].ArticleID == first.Citations[0].ArticleID {
		t.Fatalf("the follow-up after the latest answer cites the first answer's article too: the test proves nothing (%q)", latest.Answer)
	}
	ts := store.turns["chat"]
	var last turn
	if err := json.Unmarshal(ts[len(ts)-1], &last); err != nil || last.ArticleID != first.Citations[0].ArticleID {
		t.Errorf("the reply's turn is not the conversation's newest: %s", ts[len(ts)-1])
	}
	if again, err := b.AskFrom(ctx, "chat", json.RawMessage(`{"Topic":`), "那人口呢？"); err != nil || again.Conversation != "chat" {
		t.Errorf("an unreadable turn: %+v, %v (want the conversation's own history)", again, err)
	}
}
