package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"newsbot/bot/telegram/telegramtest"
	"newsbot/internal/redact"
)

const secretToken = "123456789:AAE-SuperSecret_token"

func TestRedactor(t *testing.T) {
	r := newRedactor(secretToken)
	for _, in := range []string{
		`Post "https://api.telegram.org/bot123456789:AAE-SuperSecret_token/getUpdates": dial tcp: i/o timeout`,
		"token " + url.QueryEscape(secretToken) + " in a query",
		"path /bot" + url.PathEscape(secretToken) + "/sendMessage",
		"another bot's /bot987654:XYZ_other-token/getMe", // a token this process does not hold
	} {
		out := r.String(in)
		if strings.Contains(out, "SuperSecret") || strings.Contains(out, "XYZ_other") {
			t.Errorf("redacted %q to %q, which still holds a token", in, out)
		}
	}
	err := r.Error("getMe", fmt.Errorf("wrapped: %w", context.Canceled))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("redacted error %v lost context.Canceled", err)
	}
}

func TestRedactHandler(t *testing.T) {
	logs := &syncBuffer{}
	log := slog.New(redact.Handler(slog.NewJSONHandler(logs, nil), newRedactor(secretToken)))
	log.With("endpoint", "https://x/bot"+secretToken+"/").Info("calling bot"+secretToken,
		"err", errors.New("failed: "+secretToken), slog.Group("g", "url", secretToken), "any", []string{secretToken})
	if strings.Contains(logs.String(), "SuperSecret") {
		t.Errorf("log line holds the token: %s", logs.String())
	}
}

// No error or log line carries the token, whatever fails: an unreachable endpoint (whose
// net/http error quotes the URL), a server that goes away while polling.
func TestTokenNeverLeaks(t *testing.T) {
	srv := telegramtest.New(telegramtest.Options{Token: secretToken, Limits: serverLimits(fastLimits)})
	defer srv.Close()
	logs := &syncBuffer{}
	cfg := testConfig(t, srv, logs)
	cfg.SendAttempts = 2

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/bot%s/%s"
	ln.Close()
	bad := cfg
	bad.Endpoint = closed
	_, err = New(context.Background(), bad, newFakeAsker())
	if err == nil {
		t.Fatal("New against a closed port succeeded")
	}
	if strings.Contains(err.Error(), secretToken) || strings.Contains(err.Error(), "SuperSecret") {
		t.Errorf("New's error holds the token: %v", err)
	}

	failed := make(chan struct{}, 1)
	cfg.Logger = slog.New(signalHandler{Handler: cfg.Logger.Handler(), match: "getUpdates failed", ch: failed})
	r := start(t, cfg, newFakeAsker())
	srv.Post(telegramtest.Incoming{Chat: dm, From: alice, Text: "问题"})
	waitSent(t, srv, dm.ID, 1)
	srv.Close() // polling now fails with connection errors
	select {
	case <-failed:
	case <-time.After(10 * time.Second):
		t.Fatalf("no polling failure logged:\n%s", logs.String())
	}
	r.stop(t)
	if strings.Contains(logs.String(), "SuperSecret") {
		t.Errorf("a log line holds the token:\n%s", logs.String())
	}
}

// signalHandler signals ch when a record whose message contains match is logged.
type signalHandler struct {
	slog.Handler
	match string
	ch    chan struct{}
}

func (h signalHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if strings.Contains(r.Message, h.match) {
		select {
		case h.ch <- struct{}{}:
		default:
		}
	}
	return err
}

func (h signalHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return signalHandler{Handler: h.Handler.WithAttrs(as), match: h.match, ch: h.ch}
}
