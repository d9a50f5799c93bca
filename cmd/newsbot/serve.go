package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"newsbot/bot"
	"newsbot/bot/metrics"
	"newsbot/bot/web"
	"newsbot/corpus"
	"newsbot/retrieval"
)

// cmdServe runs the web chat and HTTP API, and the Telegram bot too when TELEGRAM_BOT_TOKEN is set.
func (a *app) cmdServe(ctx context.Context, args []string) error {
	fs := a.g.flagSet("serve", a.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address of the web chat and HTTP API")
	rate := fs.Float64("rate-limit", 1200, "API requests a minute per client (burst a sixth of it); 0 turns the limit off")
	trustProxy := fs.Bool("trust-proxy", false, "behind a reverse proxy: take the client address from X-Forwarded-For and accept the proxy's Host names")
	origins := fs.String("allow-origin", "", "comma-separated origins (https://news.example.com) whose web pages may call the API; * for any")
	webhookURL := fs.String("webhook-url", "", "Telegram by webhook on this server: the public URL Telegram posts to (its path is served here)")
	var ff feedFlags
	ff.register(fs)
	if err := fs.Parse(args); err != nil {
		return flagErr(err)
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	if err := ff.check(); err != nil {
		return err
	}
	if err := checkListenAddr(*addr); err != nil {
		return usagef("--addr: %v", err)
	}
	opts, err := webOptions(*addr, *rate, *trustProxy, *origins)
	if err != nil {
		return err
	}
	log, err := a.logger()
	if err != nil {
		return err
	}
	tgCfg, err := a.serveTelegramSettings(*webhookURL)
	if err != nil {
		return err
	}
	m := metrics.New()
	eng, err := a.engine(ctx, log, m)
	if err != nil {
		return err
	}
	opts.Asker, opts.Metrics, opts.Logger, opts.LogQuestions = eng, m, log, a.g.logQuestions
	if !web.IsLoopback(*addr) {
		log.Warn("listening beyond loopback: put a TLS reverse proxy in front", "addr", *addr)
	}
	srv, err := web.New(opts)
	if err != nil {
		return fmt.Errorf("web server: %w", err)
	}
	handler := srv.Handler()
	if tgCfg != nil && tgCfg.mount != nil {
		handler = tgCfg.mount.around(handler)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rl := a.reloader(eng, log, m)
	waitPoll, err := a.startPolling(ctx, ff, rl, log)
	if err != nil {
		return err
	}
	defer func() { cancel(); waitPoll() }()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); rl.watch(ctx) }()

	errc := make(chan error, 2)
	ready := make(chan string, 1)
	go func() { errc <- web.ListenAndServe(ctx, *addr, handler, ready) }()
	running := 1
	if tgCfg != nil {
		running++
		go func() { errc <- a.superviseTelegram(ctx, *tgCfg, eng, rl, log, m) }()
	}
	select {
	case url := <-ready:
		fmt.Fprintf(a.stdout, "newsbot is serving %d articles at %s\n", len(eng.Articles()), url)
	case err := <-errc:
		cancel()
		wg.Wait()
		return listenError(fmt.Errorf("serve %s: %w", *addr, err))
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

// serveTelegramSettings is serve's Telegram configuration: none without TELEGRAM_BOT_TOKEN;
// long polling, or with --webhook-url a webhook mounted on serve's own HTTP server, so that
// replicas behind one reverse proxy all take Telegram's posts.
func (a *app) serveTelegramSettings(webhookURL string) (*telegramSettings, error) {
	if a.getenv("TELEGRAM_BOT_TOKEN") == "" {
		if webhookURL != "" {
			return nil, usagef("--webhook-url needs TELEGRAM_BOT_TOKEN (the bot whose webhook it is)")
		}
		return nil, nil
	}
	s, err := a.telegramSettings()
	if err != nil || webhookURL == "" {
		return s, err
	}
	if s.mount, err = newWebhookMount(webhookURL); err != nil {
		return nil, err
	}
	s.cfg.WebhookURL = webhookURL
	return s, nil
}

// listenError marks an --addr this process cannot listen on (taken by another process, not an
// address of this machine, a privileged port) as bad usage, exit 2 like any other unusable
// setting, rather than an internal failure.
func listenError(err error) error {
	if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EACCES) {
		return usageError{err}
	}
	return err
}

// superviseTelegram runs the Telegram bot beside the web chat until ctx ends. A token refused at
// the first start is bad usage and stops serve (exit 2). Any later stop (Telegram unreachable for
// minutes at start-up, a token revoked while running) is logged and the bot is started again
// with back-off, while the web chat keeps serving.
func (a *app) superviseTelegram(ctx context.Context, s telegramSettings, eng *bot.Engine, rl *reloader, log *slog.Logger, m *metrics.Metrics) error {
	for attempt := 1; ; attempt++ {
		err := a.runTelegram(ctx, s, eng, rl, log, m)
		if ctx.Err() != nil {
			return nil
		}
		if attempt == 1 && exitCode(err) == 2 {
			return err
		}
		wait := telegramRestartDelay(attempt)
		log.Error("telegram bot stopped; the web chat keeps serving; restarting the bot", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// telegramRestartDelay doubles from 2 s per failed start up to a minute.
func telegramRestartDelay(attempt int) time.Duration {
	return min(time.Minute, 2*time.Second<<min(attempt-1, 5))
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

	compacting bool           // under mu: a background compaction runs
	bg         sync.WaitGroup // the background compaction

	swapped atomic.Pointer[func()] // told after each swap (the Telegram bot, for subscribers)
}

// swap serves ix and tells whoever listens (the Telegram bot announces new editions).
func (rl *reloader) swap(ix *retrieval.Index) {
	rl.eng.Swap(ix)
	if f := rl.swapped.Load(); f != nil {
		(*f)()
	}
}

// fileStamp is the size and time of the files a writer commits an index version with: the base
// file (rewritten by a rebuild or a compaction) and the manifest of its segments (rewritten by an
// incremental ingest, which leaves the base as it was).
type fileStamp [2]struct {
	size int64
	mod  time.Time
}

func (a *app) reloader(eng *bot.Engine, log *slog.Logger, m *metrics.Metrics) *reloader {
	rl := &reloader{a: a, eng: eng, log: log, m: m}
	rl.seen = rl.stamp()
	return rl
}

func (rl *reloader) stamp() fileStamp {
	var st fileStamp
	dir, err := rl.a.dataDir()
	if err != nil {
		return st
	}
	base := filepath.Join(dir, indexFile)
	for i, f := range []string{base, retrieval.ManifestPath(base)} {
		if fi, err := os.Stat(f); err == nil {
			st[i].size, st[i].mod = fi.Size(), fi.ModTime()
		}
	}
	return st
}

// reload loads the index the library calls for and swaps it in; a failure keeps the old index
// serving. committed (the saved index file changed) serves the index a writer committed even
// while that writer goes on adding editions: only whole index versions are served.
func (rl *reloader) reload(ctx context.Context, committed bool) error {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.seen = rl.stamp()
	ix, err := rl.a.loadIndex(ctx, rl.log, committed, rl.eng.Index())
	if err != nil {
		rl.log.Error("reload failed; still serving the previous index", "err", err)
		return err
	}
	rl.seen = rl.stamp() // an index rebuilt by loadIndex is the one being swapped in
	rl.swap(ix)
	rl.m.SetIndexSize(len(ix.Articles()), ix.Chunks())
	rl.log.Info("index reloaded", "articles", len(ix.Articles()), "chunks", ix.Chunks())
	rl.compactInMemory(ctx, ix)
	return nil
}

// compactInMemory, for a replica of a database library (which saves no index), compacts the
// index it serves in the background when it needs it; the caller holds mu.
func (rl *reloader) compactInMemory(ctx context.Context, ix *retrieval.Index) {
	if rl.a.g.databaseURL == "" || rl.compacting || !ix.NeedsCompaction() {
		return
	}
	cfg, err := rl.a.retrievalConfig()
	if err != nil {
		return
	}
	rl.compactInBackground(ctx, ix, func(ctx context.Context) (*retrieval.Index, error) {
		next, err := ix.Compact(ctx, cfg)
		if h := compactHook(ctx); h != nil && err == nil {
			h()
		}
		return next, err
	}, func() {})
}

// compactInBackground runs compact (ix compacted) on a goroutine of its own, then calls release
// and swaps the result in, unless the engine has moved on from ix meanwhile (a database replica
// then compacts what it serves now, if that needs it; a file library's watcher loads the
// compacted index saved). Answering goes on from ix throughout; a failed compaction leaves ix
// serving. The caller holds mu.
func (rl *reloader) compactInBackground(ctx context.Context, ix *retrieval.Index, compact func(context.Context) (*retrieval.Index, error), release func()) {
	rl.compacting = true
	rl.bg.Add(1)
	go func() {
		defer rl.bg.Done()
		next, err := compact(ctx)
		release()
		rl.mu.Lock()
		defer rl.mu.Unlock()
		rl.compacting = false
		switch {
		case err != nil:
			rl.log.Error("index compaction failed; still serving the index as it was", "err", err)
		case rl.eng.Index() != ix:
			rl.log.Info("the index changed while it was compacted; the compacted one is not swapped in")
			rl.compactInMemory(ctx, rl.eng.Index())
		default:
			rl.seen = rl.stamp()
			rl.swap(next)
			rl.m.SetIndexSize(len(next.Articles()), next.Chunks())
			rl.log.Info("compacted index swapped in", "articles", len(next.Articles()), "chunks", next.Chunks())
		}
	}()
}

// save, for a server that writes (scheduled ingest): under the library's writers' lock, adds the
// library's new editions to the index as a segment (updateIndex), saves it and swaps it in. When
// the index then needs compacting, that runs in the background, still under the writers' lock
// (the next writer waits for it), and the compacted index is saved and swapped in.
func (rl *reloader) save(ctx context.Context, lib *corpus.Library) error {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	wl, err := rl.a.lockLibrary(ctx, lib, false, rl.log)
	if err != nil {
		return err
	}
	unlock := func() { _ = wl.Unlock() }
	defer func() { unlock() }()
	cfg, err := rl.a.retrievalConfig()
	if err != nil {
		return err
	}
	ix, err := rl.a.updateIndex(ctx, lib, lib.Dir(), cfg, rl.log, rl.eng.Index())
	if err != nil {
		rl.log.Error("index update failed; still serving the previous index", "err", err)
		return err
	}
	rl.seen = rl.stamp()
	rl.swap(ix)
	rl.m.SetIndexSize(len(ix.Articles()), ix.Chunks())
	rl.log.Info("index updated and saved", "articles", len(ix.Articles()), "chunks", ix.Chunks())
	if ix.NeedsCompaction() && !rl.compacting {
		release := unlock
		unlock = func() {} // the compaction releases the lock
		rl.compactInBackground(ctx, ix, func(ctx context.Context) (*retrieval.Index, error) {
			return rl.a.compactIndex(ctx, lib.Dir(), cfg, rl.log, ix)
		}, func() { release() })
	}
	return nil
}

// watch polls the index file and listens for SIGHUP until ctx ends.
func (rl *reloader) watch(ctx context.Context) {
	defer rl.bg.Wait() // a compaction in the background stops with ctx
	if rl.a.g.databaseURL != "" {
		// The database is the library: follow its version instead of the index file.
		go rl.a.followDatabase(ctx, rl.eng, rl.log, rl.m, rl)
	}
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
			_ = rl.reload(ctx, false)
		case <-tick.C:
			rl.mu.Lock()
			changed := rl.stamp() != rl.seen
			rl.mu.Unlock()
			if changed {
				_ = rl.reload(ctx, true)
			}
		}
	}
}

// webOptions are the web server's options from serve's flags; a bad value is a usage error.
// On loopback the server answers only loopback Host names (against DNS rebinding), unless it is
// behind a reverse proxy (--trust-proxy), which forwards the public name the user typed.
func webOptions(addr string, rate float64, trustProxy bool, origins string) (web.Options, error) {
	if rate < 0 || math.IsNaN(rate) || math.IsInf(rate, 0) {
		return web.Options{}, usagef("--rate-limit: want 0 (off) or a positive number, got %v", rate)
	}
	opts := web.Options{TrustForwardedFor: trustProxy,
		RateLimit: web.RateLimit{PerMinute: rate, Burst: max(1, int(rate/6))}}
	if rate == 0 {
		opts.RateLimit.PerMinute = -1
	}
	if web.IsLoopback(addr) && !trustProxy {
		opts.AllowedHosts = web.LoopbackHosts
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			opts.AllowedOrigins = append(opts.AllowedOrigins, o)
		}
	}
	// web.New checks the origins; an Asker stand-in lets it run before the index loads.
	probe := opts
	probe.Asker = noAsker{}
	if _, err := web.New(probe); err != nil {
		return opts, usagef("--allow-origin: %v", err)
	}
	return opts, nil
}

// noAsker stands in for the engine while serve's flags are checked.
type noAsker struct{}

func (noAsker) Ask(context.Context, string, string) (bot.Answer, error) {
	return bot.Answer{}, errors.New("no engine")
}
func (noAsker) Articles() []corpus.Article            { return nil }
func (noAsker) Article(string) (corpus.Article, bool) { return corpus.Article{}, false }

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
