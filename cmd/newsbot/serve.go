package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"newsbot/bot"
	"newsbot/bot/metrics"
	"newsbot/bot/web"
)

// cmdServe runs the web chat and HTTP API, and the Telegram bot too when TELEGRAM_BOT_TOKEN is set.
func (a *app) cmdServe(ctx context.Context, args []string) error {
	fs := a.g.flagSet("serve", a.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address of the web chat and HTTP API")
	rate := fs.Float64("rate-limit", 1200, "API requests a minute per client (burst a sixth of it); 0 turns the limit off")
	trustProxy := fs.Bool("trust-proxy", false, "take the client address from X-Forwarded-For (only behind a reverse proxy)")
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	if err := checkListenAddr(*addr); err != nil {
		return usagef("--addr: %v", err)
	}
	log, err := a.logger()
	if err != nil {
		return err
	}
	var tgCfg *telegramSettings
	if a.getenv("TELEGRAM_BOT_TOKEN") != "" {
		if tgCfg, err = a.telegramSettings(); err != nil {
			return err
		}
	}
	m := metrics.New()
	eng, err := a.engine(ctx, log, m)
	if err != nil {
		return err
	}
	if *rate < 0 {
		return usagef("--rate-limit: want 0 (off) or a positive number, got %v", *rate)
	}
	opts := web.Options{Asker: eng, Metrics: m, Logger: log, LogQuestions: a.g.logQuestions,
		TrustForwardedFor: *trustProxy, RateLimit: web.RateLimit{PerMinute: *rate, Burst: max(1, int(*rate/6))}}
	if *rate == 0 {
		opts.RateLimit.PerMinute = -1
	}
	if web.IsLoopback(*addr) {
		opts.AllowedHosts = web.LoopbackHosts // against DNS rebinding
	} else {
		log.Warn("listening beyond loopback: put a TLS reverse proxy in front", "addr", *addr)
	}
	srv, err := web.New(opts)
	if err != nil {
		return fmt.Errorf("web server: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rl := a.reloader(eng, log, m)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); rl.watch(ctx) }()

	errc := make(chan error, 2)
	ready := make(chan string, 1)
	go func() { errc <- web.ListenAndServe(ctx, *addr, srv.Handler(), ready) }()
	running := 1
	if tgCfg != nil {
		running++
		go func() { errc <- a.runTelegram(ctx, *tgCfg, eng, rl, log, m) }()
	}
	select {
	case url := <-ready:
		fmt.Fprintf(a.stdout, "newsbot is serving %d articles at %s\n", len(eng.Articles()), url)
	case err := <-errc:
		cancel()
		wg.Wait()
		return fmt.Errorf("serve %s: %w", *addr, err)
	}
	// The first channel to stop (or Ctrl-C) stops the others.
	var first error
	for range running {
		if err := <-errc; err != nil && first == nil && !errors.Is(err, context.Canceled) {
			first = err
		}
		cancel()
	}
	wg.Wait()
	return first
}

// reloader swaps a fresh index into the engine when the library or its index changes: after an
// `ingest` in another process (the saved index file changes), on SIGHUP, or on Telegram's /reload.
type reloader struct {
	a    *app
	eng  *bot.Engine
	log  *slog.Logger
	m    *metrics.Metrics
	mu   sync.Mutex
	seen fileStamp
}

type fileStamp struct {
	size int64
	mod  time.Time
}

func (a *app) reloader(eng *bot.Engine, log *slog.Logger, m *metrics.Metrics) *reloader {
	rl := &reloader{a: a, eng: eng, log: log, m: m}
	rl.seen = rl.stamp()
	return rl
}

func (rl *reloader) stamp() fileStamp {
	dir, err := rl.a.dataDir()
	if err != nil {
		return fileStamp{}
	}
	fi, err := os.Stat(filepath.Join(dir, indexFile))
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.Size(), fi.ModTime()}
}

// reload loads the index the library calls for and swaps it in; a failure keeps the old index
// serving.
func (rl *reloader) reload(ctx context.Context) error {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.seen = rl.stamp()
	ix, err := rl.a.loadIndex(ctx, rl.log)
	if err != nil {
		rl.log.Error("reload failed; still serving the previous index", "err", err)
		return err
	}
	rl.eng.Swap(ix)
	rl.m.SetIndexSize(len(ix.Articles()), ix.Chunks())
	rl.log.Info("index reloaded", "articles", len(ix.Articles()), "chunks", ix.Chunks())
	return nil
}

// watch polls the index file and listens for SIGHUP until ctx ends.
func (rl *reloader) watch(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			_ = rl.reload(ctx)
		case <-tick.C:
			rl.mu.Lock()
			changed := rl.stamp() != rl.seen
			rl.mu.Unlock()
			if changed {
				_ = rl.reload(ctx)
			}
		}
	}
}

// checkListenAddr rejects an address that is malformed (no port, a port out of range, a named
// port): bad usage, told before the library loads, rather than a failure to listen.
func checkListenAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("want HOST:PORT, got %q: %w", addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("want a port number 0-65535, got %q", port)
	}
	return nil
}
