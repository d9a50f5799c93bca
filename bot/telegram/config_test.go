package telegram

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"newsbot/bot/telegram/telegramtest"
)

func TestConfigErrorsNameTheField(t *testing.T) {
	good := Config{Token: "1:x", StateDir: t.TempDir()}
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"no token", func(c *Config) { c.Token = " " }, "Config.Token"},
		{"no state dir", func(c *Config) { c.StateDir = "" }, "Config.StateDir"},
		{"endpoint without placeholders", func(c *Config) { c.Endpoint = "http://127.0.0.1:8081/bot" }, "Config.Endpoint"},
		{"webhook URL not http", func(c *Config) { c.WebhookURL = "ftp://x" }, "Config.WebhookURL"},
		{"bad webhook secret", func(c *Config) { c.WebhookURL = "https://x/h"; c.WebhookSecret = "a b" }, "Config.WebhookSecret"},
		{"listen address without webhook", func(c *Config) { c.ListenAddr = ":8443" }, "Config.ListenAddr"},
		{"client timeout under the long poll", func(c *Config) { c.HTTPClient = &http.Client{Timeout: 5 * time.Second} }, "Config.HTTPClient.Timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.change(&cfg)
			_, err := New(context.Background(), cfg, newFakeAsker())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %s", err, tc.want)
			}
		})
	}
}

func TestLogQuestionsAddsTheText(t *testing.T) {
	srv := newServer(t)
	logs := &syncBuffer{}
	cfg := testConfig(t, srv, logs)
	cfg.LogQuestions = true
	start(t, cfg, newFakeAsker())
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "记录这个问题"})
	waitSent(t, srv, dm.ID, 1)
	contains(t, "log", logs.String(), "question=记录这个问题")
}

// With ListenAddr the bot serves the webhook itself, at the webhook URL's path only.
func TestWebhookListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	cfg.WebhookURL, cfg.ListenAddr = "https://bot.example.com/tg/hook", addr
	r := start(t, cfg, newFakeAsker())
	if err := srv.Wait(waitCtx(t), func() bool { u, _ := srv.Webhook(); return u != "" }); err != nil {
		t.Fatal(err)
	}
	_, secret := srv.Webhook()
	if secret == "" || secret != r.bot.secret {
		t.Fatalf("registered secret %q, want the bot's generated one", secret)
	}
	id, _ := srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "钩子问题"})
	post := func(path, secret string) int {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(string(srv.UpdateJSON(id))))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("/other", secret); got != http.StatusNotFound {
		t.Errorf("POST /other = %d, want 404", got)
	}
	if got := post("/tg/hook", "wrong"); got != http.StatusUnauthorized {
		t.Errorf("wrong secret = %d, want 401", got)
	}
	if got := post("/tg/hook", secret); got != http.StatusOK {
		t.Errorf("right secret = %d, want 200", got)
	}
	contains(t, "answer", waitSent(t, srv, dm.ID, 1)[0].Text, "钩子问题")
}

// Two bots never serve one bot token from one state folder at the same time.
func TestStateFolderIsLocked(t *testing.T) {
	srv := newServer(t)
	cfg := testConfig(t, srv, &syncBuffer{})
	first, err := New(context.Background(), cfg, newFakeAsker())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(context.Background(), cfg, newFakeAsker()); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("a second bot on the same folder: err = %v, want it refused", err)
	}
	first.Close()
	second, err := New(context.Background(), cfg, newFakeAsker())
	if err != nil {
		t.Fatalf("after Close, New = %v", err)
	}
	second.Close()
}
