package bot

import (
	"context"
	"strings"
	"testing"
)

// TestValidConversationID: a client may choose its own conversation IDs in any script; only
// control characters, invalid UTF-8, blanks and overlong IDs are replaced.
func TestValidConversationID(t *testing.T) {
	tests := []struct {
		name, id string
		want     bool
	}{
		{"hex", "9fec76b69445d9dff703ec6b4f94a5ed", true},
		{"Chinese", "用户-张三", true},
		{"inner space", "user 42", true},
		{"64 bytes of Chinese", strings.Repeat("张", 21) + "a", true},
		{"empty", "", false},
		{"blank", "   ", false},
		{"newline", "用户\n张三", false},
		{"escape", "abc\x1b[31m", false},
		{"DEL", "abc\x7f", false},
		{"invalid UTF-8", "abc\xff", false},
		{"zero-width format character", "ab\u200bc", false},
		{"overlong", strings.Repeat("张", maxConversationIDBytes/3+1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := validID(tc.id); got != tc.want {
				t.Errorf("validID(%q) = %v, want %v", tc.id, got, tc.want)
			}
		})
	}
}

// TestChosenConversationIDKeepsFollowUps: a follow-up under a client's own non-ASCII ID is answered
// in its conversation, under that same ID.
func TestChosenConversationIDKeepsFollowUps(t *testing.T) {
	e := oneArticleEdition(t, "青山县前三季度经济稳中有进",
		"前三季度全县实现地区生产总值312.6亿元，同比增长6.2%。全县常住人口52.3万人。")
	const id = "用户-张三"
	first, err := e.Ask(context.Background(), id, "青山县前三季度地区生产总值是多少？")
	if err != nil {
		t.Fatal(err)
	}
	if first.Conversation != id {
		t.Fatalf("first answer's conversation = %q, want %q", first.Conversation, id)
	}
	next, err := e.Ask(context.Background(), id, "那人口呢？")
	if err != nil {
		t.Fatal(err)
	}
	if next.Conversation != id {
		t.Errorf("follow-up's conversation = %q, want %q", next.Conversation, id)
	}
	if !strings.Contains(next.Answer, "52.3万人") {
		t.Errorf("follow-up answer = %q, want it to hold 52.3万人", next.Answer)
	}
}
