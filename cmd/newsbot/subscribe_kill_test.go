package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsbot/bot/telegram/telegramtest"
)

// TestEditionOnceAfterKill: a subscriber gets each edition once even when the bot is killed
// (SIGKILL) after Telegram took the edition's message and before the bot recorded it. The
// editions land by `newsbot ingest` in another process, which the running bot picks up.
func TestEditionOnceAfterKill(t *testing.T) {
	bin := testBinary(t)
	tg := telegramtest.New(telegramtest.Options{})
	defer tg.Close()
	data, in := t.TempDir(), t.TempDir()
	p := proc{bin: bin, data: data, env: []string{"TELEGRAM_BOT_TOKEN=" + tg.Token(), "TELEGRAM_API_ENDPOINT=" + tg.Endpoint()}}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	startBot := func() func() {
		cmd := p.command("", "telegram")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return func() { _ = cmd.Process.Kill(); _ = cmd.Wait() } // SIGKILL
	}
	reader := telegramtest.User{ID: 77, FirstName: "读者"}
	chat := telegramtest.Chat{ID: 77, Type: telegramtest.Private}
	waitFor := func(n int) []telegramtest.Sent {
		t.Helper()
		if err := tg.Wait(ctx, func() bool { return len(tg.SentTo(chat.ID)) >= n }); err != nil {
			t.Fatalf("chat got %d messages, want %d: %v", len(tg.SentTo(chat.ID)), n, err)
		}
		return tg.SentTo(chat.ID)
	}

	kill := startBot()
	tg.Post(telegramtest.Incoming{Chat: chat, From: reader, Text: "/subscribe"})
	if got := waitFor(1)[0].Text; !strings.Contains(got, "已订阅") {
		t.Fatalf("/subscribe answered %q", got)
	}
	// Telegram takes the edition's message, then the connection hangs: the bot is killed
	// before it hears back and records the delivery.
	tg.Fail("sendMessage", telegramtest.Fault{Deliver: true, Hang: true})
	ingest := func(name string, variant int) {
		t.Helper()
		if _, stderr, code := p.run(t, "", "ingest", builtinEditionFile(t, in, name, variant)); code != 0 {
			t.Fatalf("ingest %s: exit %d\n%s", name, code, stderr)
		}
	}
	ingest("2026-12-07.txt", 1)
	if got := waitFor(2)[1].Text; !strings.Contains(got, "2026-12-07") {
		t.Fatalf("edition message %q", got)
	}
	kill()
	claimed, delivered := subscriptionRecord(t, data, tg.Bot().ID, chat.ID)
	if !strings.Contains(claimed, "2026-12-07") || strings.Contains(delivered, "2026-12-07") {
		t.Fatalf("killed at the wrong moment: claimed %q, delivered %q", claimed, delivered)
	}

	defer startBot()()
	ingest("2026-12-08.txt", 2)
	sent := waitFor(3)
	if !strings.Contains(sent[2].Text, "2026-12-08") {
		t.Fatalf("after the restart the chat got %q, want the 2026-12-08 edition", sent[2].Text)
	}
	n := 0
	for _, m := range sent {
		if strings.Contains(m.Text, "2026-12-07") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the 2026-12-07 edition went out %d times, want once", n)
	}
}

// subscriptionRecord reads the editions claimed for and delivered to chat from the bot's
// subscriptions file.
func subscriptionRecord(t *testing.T, data string, botID, chat int64) (claimed, delivered string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(data, "telegram-"+strconv.FormatInt(botID, 10)+".subscriptions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Claimed   map[string][]string        `json:"claimed"`
		Delivered map[string]map[string]bool `json:"delivered"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	key := strconv.FormatInt(chat, 10)
	var ds []string
	for d := range f.Delivered[key] {
		ds = append(ds, d)
	}
	return strings.Join(f.Claimed[key], ","), strings.Join(ds, ",")
}
