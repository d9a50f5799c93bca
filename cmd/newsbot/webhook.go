package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// webhookMount is the Telegram webhook on serve's own HTTP server (`serve --webhook-url URL`): the
// path of URL goes to the running bot's webhook handler, every other path to the web chat and
// API. The bot is restarted with back-off when it stops, so the handler is swapped in and out; while
// no bot runs the path answers 503, which Telegram retries.
type webhookMount struct {
	path string
	bot  atomic.Pointer[http.Handler]
}

// newWebhookMount checks a webhook URL for mounting beside the web chat: http(s), a host, and a
// path of its own ("/" would hide the chat page). A bad URL is a usage error naming the flag.
func newWebhookMount(raw string) (*webhookMount, error) {
	u, err := parseWebhookURL(raw)
	if err != nil {
		return nil, err
	}
	if u.Path == "" || u.Path == "/" || strings.HasPrefix(u.Path, "/api/") {
		return nil, usagef("--webhook-url: want a path of its own for Telegram's posts (https://bot.example.com/telegram/hook), not the web chat's %q", u.Path)
	}
	return &webhookMount{path: u.Path}, nil
}

// parseWebhookURL accepts the public http(s) URL Telegram posts updates to.
func parseWebhookURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, usagef("--webhook-url: want the public https:// URL Telegram posts to, got %q", raw)
	}
	return u, nil
}

// set serves h at the webhook path (nil: 503 until the bot runs again).
func (w *webhookMount) set(h http.Handler) {
	if h == nil {
		w.bot.Store(nil)
		return
	}
	w.bot.Store(&h)
}

// around routes the webhook path to the bot and everything else to next. The webhook goes
// around the web server's rate limit and Host check: Telegram's posts come from its own
// addresses in bursts, and the secret token is what admits them.
func (w *webhookMount) around(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != w.path {
			next.ServeHTTP(rw, r)
			return
		}
		h := w.bot.Load()
		if h == nil {
			rw.Header().Set("Retry-After", "2")
			http.Error(rw, "the Telegram bot is starting; try again", http.StatusServiceUnavailable)
			return
		}
		(*h).ServeHTTP(rw, r)
	})
}

// derivedWebhookSecret is the webhook secret_token when TELEGRAM_WEBHOOK_SECRET is not set: derived
// from the bot token, so every replica of one bot registers and checks the same secret (a random
// one per process would make each replica's setWebhook lock the others out), and it reveals
// nothing of the token.
func derivedWebhookSecret(token string) string {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte("newsbot telegram webhook secret_token"))
	return hex.EncodeToString(mac.Sum(nil))
}
