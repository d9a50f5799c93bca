package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"newsbot/corpus"
	"newsbot/corpus/fetch"
	"newsbot/corpus/poll"
)

// feedFlags are serve's and telegram's scheduled-ingest flags.
type feedFlags struct {
	feeds stringList
	every time.Duration
	watch string
	fs    *flag.FlagSet // to tell an --every given from its default
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (f *feedFlags) register(fs *flag.FlagSet) {
	f.fs = fs
	fs.Var(&f.feeds, "feed", "URL of a feed (RSS, Atom, JSON Feed) to poll (repeatable)")
	fs.DurationVar(&f.every, "every", poll.DefaultEvery, "how often to poll each --feed")
	fs.StringVar(&f.watch, "watch", "", "folder whose dropped edition files are ingested")
}

// check reports bad values as usage errors, before anything starts.
func (f *feedFlags) check() error {
	for _, u := range f.feeds {
		if err := fetch.CheckURL(u); err != nil {
			return usagef("--feed %s: %v", u, err)
		}
	}
	if len(f.feeds) == 0 && f.given("every") {
		// --every paces feed polls only (a --watch folder is scanned on its own short interval): taking it
		// silently would let an operator believe something polls on that schedule.
		return usagef("--every: it paces --feed polls, and no --feed is given")
	}
	if f.every < time.Minute && len(f.feeds) > 0 {
		return usagef("--every: poll at most once a minute, got %v", f.every)
	}
	if f.watch != "" {
		fi, err := os.Stat(f.watch)
		if err != nil {
			return usagef("--watch: %v", err)
		}
		if !fi.IsDir() {
			return usagef("--watch: %s is not a folder", f.watch)
		}
	}
	return nil
}

// given reports whether the flag was set on the command line.
func (f *feedFlags) given(name string) (set bool) {
	if f.fs != nil {
		f.fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
	}
	return set
}

func (f *feedFlags) enabled() bool { return len(f.feeds) > 0 || f.watch != "" }

// startPolling runs the poller in the background until ctx ends; the returned function waits
// for it. Every library write of the poller holds the library's writers' lock; each round that
// changes the library rebuilds and saves the index (under the lock again) and swaps it into the
// engine, which goes on answering.
func (a *app) startPolling(ctx context.Context, f feedFlags, rl *reloader, log *slog.Logger) (wait func(), err error) {
	if !f.enabled() {
		return func() {}, nil
	}
	lib, dir, err := a.library()
	if err != nil {
		return nil, err
	}
	changed := func(ctx context.Context, r poll.Round) error { return rl.save(ctx, lib) }
	if a.g.databaseURL != "" {
		changed = a.publishPolled(lib)
	}
	p, err := poll.New(poll.Options{
		Library: lib, StateDir: dir, Feeds: f.feeds, Every: f.every, WatchDir: f.watch,
		Logger: log,
		Lock: func(ctx context.Context) (func(), error) {
			wl, err := a.lockLibrary(ctx, lib, false, log)
			if err != nil {
				return nil, err
			}
			return func() { wl.Unlock() }, nil
		},
		Changed: changed,
		Polled:  pollHook(ctx),
		Clock:   pollClock(ctx),
	})
	if err != nil {
		return nil, usageError{err}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if a.g.databaseURL != "" {
			a.pollOnOneReplica(ctx, lib, p.Run, log)
			return
		}
		_ = p.Run(ctx)
	}()
	log.Info("polling for new editions", "feeds", len(f.feeds), "every", f.every, "watch", f.watch)
	return func() { <-done }, nil
}

// pollHookKey carries a test's hook, called after each round of scheduled ingest.
type pollHookKey struct{}

func pollHook(ctx context.Context) func(poll.Round) {
	h, _ := ctx.Value(pollHookKey{}).(func(poll.Round))
	return h
}

// pollClockKey carries a test's clock for the polling schedule.
type pollClockKey struct{}

func pollClock(ctx context.Context) poll.Clock {
	c, _ := ctx.Value(pollClockKey{}).(poll.Clock)
	return c
}

// ingestURLs fetches each URL and merges its articles into lib (a run the caller commits) item by
// item (what the library already holds is skipped). A URL that cannot be fetched or parsed is
// refused and named.
func (a *app) ingestURLs(ctx context.Context, lib poll.Store, urls []string, meta corpus.Meta, log *slog.Logger) (accepted []string, articles int, refused []corpus.Refusal) {
	client := fetch.New(fetch.Options{})
	for _, u := range urls {
		if ctx.Err() != nil {
			refused = append(refused, corpus.Refusal{File: u, Err: ctx.Err()})
			continue
		}
		m, err := fetchAndMerge(ctx, client, lib, u, meta)
		if err != nil {
			refused = append(refused, corpus.Refusal{File: u, Err: err})
			log.Warn("URL refused", "url", u, "err", err)
			continue
		}
		log.Info("URL ingested", "url", u, "added", m.Added, "replaced", m.Replaced, "skipped", m.Skipped)
		accepted = append(accepted, m.Editions...)
		articles += m.Added + m.Replaced
	}
	return accepted, articles, refused
}

func fetchAndMerge(ctx context.Context, c *fetch.Client, lib poll.Store, u string, meta corpus.Meta) (poll.MergeResult, error) {
	resp, err := c.Get(ctx, u, fetch.Validators{})
	if err != nil {
		return poll.MergeResult{}, err
	}
	meta.ContentType = resp.ContentType
	ed, err := corpus.Parse(u, resp.Body, meta)
	if err != nil {
		return poll.MergeResult{}, err
	}
	m, err := poll.Merge(lib, u, ed)
	if err != nil {
		return m, fmt.Errorf("store %s: %w", u, err)
	}
	return m, nil
}

// mergeFeed stores a feed document given to ingest as a file item by item, as polling and
// --watch do: the items the library holds already (taken in from the feed's URL, or from an
// earlier copy of the file) are skipped, changed ones replace their old version.
func mergeFeed(run *corpus.Run, path string, ed *corpus.Edition) ([]string, int, error) {
	m, err := poll.Merge(run, path, ed)
	if err != nil {
		return nil, 0, err
	}
	return m.Editions, m.Added + m.Replaced, nil
}
