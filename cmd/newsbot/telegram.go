package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"

	"newsbot/bot"
	"newsbot/bot/metrics"
	"newsbot/bot/telegram"
)

// telegramSettings is the Telegram configuration read from flags and environment.
type telegramSettings struct {
	cfg   telegram.Config
	mount *webhookMount // serve --webhook-url: the webhook served on serve's own HTTP server
}

// telegramSettings reads TELEGRAM_* variables; the token stays out of every message.
func (a *app) telegramSettings() (*telegramSettings, error) {
	token := strings.TrimSpace(a.getenv("TELEGRAM_BOT_TOKEN"))
	if token == "" {
		return nil, usagef("TELEGRAM_BOT_TOKEN is not set (get a token from @BotFather)")
	}
	dir, err := a.dataDir()
	if err != nil {
		return nil, err
	}
	s := &telegramSettings{cfg: telegram.Config{
		Token:         token,
		Endpoint:      a.getenv("TELEGRAM_API_ENDPOINT"),
		StateDir:      dir,
		WebhookSecret: a.getenv("TELEGRAM_WEBHOOK_SECRET"),
		LogQuestions:  a.g.logQuestions,
	}}
	if sec := s.cfg.WebhookSecret; sec != "" && !webhookSecretPattern.MatchString(sec) {
		return nil, usagef("TELEGRAM_WEBHOOK_SECRET: want 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
	}
	if s.cfg.WebhookSecret == "" {
		s.cfg.WebhookSecret = derivedWebhookSecret(token)
	}
	if s.cfg.Endpoint != "" && strings.Count(s.cfg.Endpoint, "%s") != 2 {
		return nil, usagef("TELEGRAM_API_ENDPOINT: want a pattern with two %%s, like http://127.0.0.1:8081/bot%%s/%%s")
	}
	if s.cfg.AllowUsers, err = a.envIDs("TELEGRAM_ALLOW_USERS"); err != nil {
		return nil, err
	}
	if s.cfg.AllowChats, err = a.envIDs("TELEGRAM_ALLOW_CHATS"); err != nil {
		return nil, err
	}
	if s.cfg.Admins, err = a.envIDs("TELEGRAM_ADMINS"); err != nil {
		return nil, err
	}
	if s.cfg.Workers, err = a.envInt("TELEGRAM_WORKERS", 8); err != nil {
		return nil, err
	}
	return s, nil
}

// webhookSecretPattern is what Telegram accepts as a webhook secret_token.
var webhookSecretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// envIDs reads a list of Telegram user or chat IDs from the environment variable name.
func (a *app) envIDs(name string) ([]int64, error) {
	ids, err := telegram.ParseIDs(a.getenv(name))
	if err != nil {
		return nil, usagef("%s: %v", name, err)
	}
	return ids, nil
}

// cmdTelegram runs the Telegram bot alone: long polling, or a webhook with --webhook-url.
func (a *app) cmdTelegram(ctx context.Context, args []string) error {
	fs := a.g.flagSet("telegram", a.stderr)
	webhookURL := fs.String("webhook-url", "", "public HTTPS URL Telegram posts updates to (webhook mode)")
	listen := fs.String("listen", "127.0.0.1:8443", "listen address for webhook mode (behind a TLS proxy)")
	var ff feedFlags
	ff.register(fs)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("telegram takes no arguments, got %q", fs.Args())
	}
	if err := ff.check(); err != nil {
		return err
	}
	log, err := a.logger()
	if err != nil {
		return err
	}
	s, err := a.telegramSettings()
	if err != nil {
		return err
	}
	if *webhookURL != "" {
		if _, err := parseWebhookURL(*webhookURL); err != nil {
			return err
		}
		if err := checkListenAddr(*listen); err != nil {
			return usagef("--listen: %v", err)
		}
		s.cfg.WebhookURL, s.cfg.ListenAddr = *webhookURL, *listen
	}
	m := metrics.New()
	eng, err := a.engine(ctx, log, m)
	if err != nil {
		return err
	}
	// Like serve, pick up an ingest from another process (or SIGHUP) without a restart.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rl := a.reloader(eng, log, m)
	waitPoll, err := a.startPolling(ctx, ff, rl, log)
	if err != nil {
		return err
	}
	watched := make(chan struct{})
	go func() { defer close(watched); rl.watch(ctx) }()
	defer func() { cancel(); <-watched; waitPoll() }()
	return a.runTelegram(ctx, *s, eng, rl, log, m)
}

// runTelegram starts the bot and runs it until ctx ends.
func (a *app) runTelegram(ctx context.Context, s telegramSettings, eng *bot.Engine, rl *reloader, log *slog.Logger, m *metrics.Metrics) error {
	cfg := s.cfg
	cfg.Logger, cfg.Metrics = log, m
	cfg.Reload = func(ctx context.Context) error { return rl.reload(ctx, false) }
	cfg.Stats = func() string {
		return fmt.Sprintf("articles: %d", len(eng.Articles()))
	}
	if err := a.shareTelegram(ctx, &cfg); err != nil {
		return err
	}
	b, err := telegram.New(ctx, cfg, eng)
	if err != nil {
		var ae *telegram.APIError
		if errors.As(err, &ae) && (ae.Code == http.StatusUnauthorized || ae.Code == http.StatusNotFound) {
			// Telegram refused the token (401) or the endpoint has no such bot (404): bad input.
			return usageError{fmt.Errorf("TELEGRAM_BOT_TOKEN refused (check the token, and TELEGRAM_API_ENDPOINT if set): %w", err)}
		}
		return fmt.Errorf("telegram: %w", err)
	}
	if s.mount != nil {
		s.mount.set(b.WebhookHandler())
		defer s.mount.set(nil)
	}
	log.Info("telegram bot running", "webhook", cfg.WebhookURL != "")
	announce := b.EditionsChanged
	rl.swapped.Store(&announce)
	defer rl.swapped.CompareAndSwap(&announce, nil)
	return b.Run(ctx)
}
