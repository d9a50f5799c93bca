package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/telegram/telegramtest"
)

// TestServeWebAndTelegram runs `newsbot serve` as a user would, with TELEGRAM_BOT_TOKEN set, and
// asks through the HTTP API and through a fake Bot API server.
func TestServeWebAndTelegram(t *testing.T) {
	tg := telegramtest.New(telegramtest.Options{})
	defer tg.Close()
	e := env{
		"NEWSBOT_DATA":          t.TempDir(),
		"TELEGRAM_BOT_TOKEN":    tg.Token(),
		"TELEGRAM_API_ENDPOINT": tg.Endpoint(),
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lineWriter{lines: make(chan string, 16)}
	errOut := &lineWriter{lines: make(chan string, 256)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, e.get, strings.NewReader(""), out, errOut)
	}()
	var url string
	select {
	case line := <-out.lines:
		i := strings.Index(line, "http://")
		if i < 0 {
			t.Fatalf("serve printed %q, want its URL", line)
		}
		url = line[i:]
	case err := <-done:
		t.Fatalf("serve stopped early: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve printed no URL within 60 s")
	}

	resp, err := http.Post(url+"/api/ask", "application/json", strings.NewReader(`{"question":"达茂旗的总面积是多少？"}`))
	if err != nil {
		t.Fatal(err)
	}
	var ans bot.Answer
	err = json.NewDecoder(resp.Body).Decode(&ans)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/ask: status %d, %v", resp.StatusCode, err)
	}
	if !ans.Found || !strings.Contains(ans.Answer, "18177平方千米") {
		t.Errorf("web answer = %+v", ans)
	}

	chat := telegramtest.Chat{ID: 42, Type: telegramtest.Private}
	tg.Post(telegramtest.Incoming{Chat: chat, From: telegramtest.User{ID: 42, FirstName: "读者"}, Text: "达茂旗有多少人口？"})
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	if err := tg.Wait(wctx, func() bool { return len(tg.SentTo(42)) > 0 }); err != nil {
		t.Fatalf("no Telegram answer: %v", err)
	}
	if got := tg.SentTo(42)[0].Text; !strings.Contains(got, "11.4万人") {
		t.Errorf("Telegram answer = %q, want 11.4万人", got)
	}

	resp, err = http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`newsbot_questions_total{channel="telegram",found="true"} 1`, "newsbot_index_articles 6"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after Ctrl-C, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of cancellation")
	}
	if strings.Contains(errOut.buf.String(), tg.Token()) {
		t.Error("the Telegram token appears in the logs")
	}
}

// TestWebOptions checks how serve's flags shape the web server: the loopback Host check stays
// off behind a reverse proxy (which forwards the public host name), and CORS origins are checked.
func TestWebOptions(t *testing.T) {
	tests := []struct {
		name       string
		addr       string
		rate       float64
		trustProxy bool
		origins    string
		wantHosts  bool // loopback Host check on
		wantOrigin []string
		wantErr    string
	}{
		{name: "loopback", addr: "127.0.0.1:8080", rate: 1200, wantHosts: true},
		{name: "loopback behind a proxy", addr: "127.0.0.1:8080", rate: 1200, trustProxy: true},
		{name: "all interfaces", addr: ":8080", rate: 1200},
		{name: "origins", addr: "127.0.0.1:8080", rate: 1200, wantHosts: true, origins: " https://a.example , http://localhost:3000,",
			wantOrigin: []string{"https://a.example", "http://localhost:3000"}},
		{name: "bad origin", addr: "127.0.0.1:8080", rate: 1200, origins: "a.example", wantErr: "--allow-origin"},
		{name: "negative rate", addr: "127.0.0.1:8080", rate: -1, wantErr: "--rate-limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, err := webOptions(tt.addr, tt.rate, tt.trustProxy, tt.origins)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || exitCode(err) != 2 {
					t.Fatalf("error %v (exit %d), want a usage error naming %s", err, exitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(opts.AllowedHosts) > 0; got != tt.wantHosts {
				t.Errorf("AllowedHosts = %v, want the loopback check %v", opts.AllowedHosts, tt.wantHosts)
			}
			if opts.TrustForwardedFor != tt.trustProxy {
				t.Errorf("TrustForwardedFor = %v, want %v", opts.TrustForwardedFor, tt.trustProxy)
			}
			if strings.Join(opts.AllowedOrigins, " ") != strings.Join(tt.wantOrigin, " ") {
				t.Errorf("AllowedOrigins = %q, want %q", opts.AllowedOrigins, tt.wantOrigin)
			}
		})
	}
}

// TestTelegramBadToken: a token the Bot API refuses is bad input (exit 2), told without the token.
func TestTelegramBadToken(t *testing.T) {
	tg := telegramtest.New(telegramtest.Options{})
	defer tg.Close()
	const wrong = "999999:WRONG-secret-token"
	_, stderr, err := runCmd(t, env{"TELEGRAM_BOT_TOKEN": wrong, "TELEGRAM_API_ENDPOINT": tg.Endpoint()}, "", "telegram")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN refused") {
		t.Errorf("telegram with a wrong token: exit %d, error %v; want 2 saying the token was refused", exitCode(err), err)
	}
	if strings.Contains(err.Error()+stderr, "WRONG-secret") {
		t.Errorf("the token leaks: %v\n%s", err, stderr)
	}
}

// TestTelegramPicksUpIngest: `newsbot telegram` alone serves a library ingested by another
// process meanwhile, without a restart, as serve does.
func TestTelegramPicksUpIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the index watcher's tick")
	}
	tg := telegramtest.New(telegramtest.Options{})
	defer tg.Close()
	data := t.TempDir()
	e := env{"NEWSBOT_DATA": data, "TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"telegram"}, e.get, strings.NewReader(""), io.Discard, io.Discard) }()

	chat := telegramtest.Chat{ID: 42, Type: telegramtest.Private}
	user := telegramtest.User{ID: 42, FirstName: "读者"}
	wctx, wcancel := context.WithTimeout(ctx, 60*time.Second)
	defer wcancel()
	articleCount := func() string {
		n := len(tg.SentTo(chat.ID))
		tg.Post(telegramtest.Incoming{Chat: chat, From: user, Text: "/articles"})
		if err := tg.Wait(wctx, func() bool { return len(tg.SentTo(chat.ID)) > n }); err != nil {
			t.Fatalf("no answer to /articles: %v", err)
		}
		text := tg.SentTo(chat.ID)[n].Text
		_, after, _ := strings.Cut(text, "共 ")
		count, _, _ := strings.Cut(after, " 篇")
		return count
	}
	if got := articleCount(); got != "6" {
		t.Fatalf("before the ingest /articles counts %q, want the built-in 6", got)
	}
	if _, stderr, err := runCmd(t, env{"NEWSBOT_DATA": data}, "", "ingest", editionFile(t, t.TempDir(), "2024-11-08-multipage.txt")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	for got := articleCount(); got == "6"; got = articleCount() {
		if wctx.Err() != nil {
			t.Fatal("the bot still serves the built-in edition a minute after the ingest")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("telegram returned %v after Ctrl-C", err)
	}
}

// TestServeOutlivesTelegram: when the Telegram bot stops (here a 401 while polling, as after a
// revoked token), serve keeps the web chat up and starts the bot again.
func TestServeOutlivesTelegram(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the bot's restart delay")
	}
	tg := telegramtest.New(telegramtest.Options{})
	defer tg.Close()
	e := env{"NEWSBOT_DATA": t.TempDir(), "TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lineWriter{lines: make(chan string, 16)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, e.get, strings.NewReader(""), out, io.Discard)
	}()
	var url string
	select {
	case line := <-out.lines:
		url = line[strings.Index(line, "http://"):]
	case err := <-done:
		t.Fatalf("serve stopped early: %v", err)
	}
	chat := telegramtest.Chat{ID: 42, Type: telegramtest.Private}
	user := telegramtest.User{ID: 42, FirstName: "读者"}
	wctx, wcancel := context.WithTimeout(ctx, 60*time.Second)
	defer wcancel()
	askTelegram := func(q string) {
		n := len(tg.SentTo(chat.ID))
		tg.Post(telegramtest.Incoming{Chat: chat, From: user, Text: q})
		if err := tg.Wait(wctx, func() bool { return len(tg.SentTo(chat.ID)) > n }); err != nil {
			t.Fatalf("no Telegram answer to %q: %v", q, err)
		}
	}
	askTelegram("达茂旗有多少人口？")
	calls := tg.Calls("getMe")
	tg.Fail("getUpdates", telegramtest.Fault{Code: 401, Description: "Unauthorized"})
	askTelegram("达茂旗的总面积是多少？") // wakes the long poll; the next one gets the 401
	if err := tg.Wait(wctx, func() bool { return tg.Calls("getMe") > calls }); err != nil {
		t.Fatalf("the bot was not started again after it stopped: %v", err)
	}
	resp, err := http.Get(url + "healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("web chat after the bot stopped: %v", err)
	}
	resp.Body.Close()
	askTelegram("武进常住人口多少？")
	select {
	case err := <-done:
		t.Fatalf("serve stopped with the bot: %v", err)
	default:
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after Ctrl-C", err)
	}
}

func TestTelegramWebhookFlags(t *testing.T) {
	e := env{"TELEGRAM_BOT_TOKEN": "123:abc"}
	if _, _, err := runCmd(t, env{"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_WEBHOOK_SECRET": "has spaces!"}, "", "telegram"); exitCode(err) != 2 {
		t.Errorf("a webhook secret Telegram refuses: exit %d (%v), want 2", exitCode(err), err)
	}
	for _, args := range [][]string{
		{"telegram", "--webhook-url", "ftp://bot.example/hook"},
		{"telegram", "--webhook-url", "bot.example/hook"},
		{"telegram", "--webhook-url", "https://bot.example/hook", "--listen", "8443"},
		{"serve", "--webhook-url", "bot.example/hook"},
		{"serve", "--webhook-url", "https://bot.example/"}, // the chat page's path
		{"serve", "--webhook-url", "https://bot.example/api/ask"},
	} {
		_, _, err := runCmd(t, e, "", args...)
		if exitCode(err) != 2 {
			t.Errorf("%q: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
	if _, _, err := runCmd(t, env{}, "", "serve", "--webhook-url", "https://bot.example/hook"); exitCode(err) != 2 {
		t.Errorf("serve --webhook-url without TELEGRAM_BOT_TOKEN: exit %d (%v), want 2", exitCode(err), err)
	}
}
