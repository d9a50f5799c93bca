package files

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func turn(n int) json.RawMessage { return json.RawMessage(fmt.Sprintf(`{"n":%d}`, n)) }

// Turns survive reopening (a restart); a torn last line is skipped; idle conversations are
// dropped at open; the log is compacted.
func TestConversationsSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conversations.jsonl")
	ctx := context.Background()
	c, err := OpenConversations(path, time.Hour, 100)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i := range 7 {
		if err := c.Append(ctx, "kept", turn(i), now, 5); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Append(ctx, "idle", turn(0), now.Add(-2*time.Hour), 5); err != nil {
		t.Fatal(err)
	}
	c.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"id":"kept","at":"`) // a write torn by a crash
	f.Close()

	c, err = OpenConversations(path, time.Hour, 100)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, _ := c.Turns(ctx, "kept", now.Add(-time.Minute), 5)
	var ns []string
	for _, raw := range got {
		ns = append(ns, string(raw))
	}
	if s := strings.Join(ns, ","); s != `{"n":2},{"n":3},{"n":4},{"n":5},{"n":6}` {
		t.Fatalf("turns after reopening = %s", s)
	}
	if got, _ := c.Turns(ctx, "idle", now.Add(-time.Hour), 5); len(got) != 0 {
		t.Error("an idle conversation came back")
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != 7 || strings.Contains(string(data), `"idle"`) {
		t.Errorf("compacted log holds %d lines, want the 7 turns of the live conversation and no idle one", n)
	}
}

// The least recently used conversations beyond the bound are dropped.
func TestConversationsBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conversations.jsonl")
	c, err := OpenConversations(path, time.Hour, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	now := time.Now()
	for i := range 50 {
		if err := c.Append(context.Background(), fmt.Sprint("c", i), turn(i), now.Add(time.Duration(i)*time.Second), 5); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.convs); n > 11 {
		t.Errorf("%d conversations kept, bound 10 (+10%%)", n)
	}
	if got, _ := c.Turns(context.Background(), "c49", now, 5); len(got) != 1 {
		t.Error("the newest conversation was dropped")
	}
}
