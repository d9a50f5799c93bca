package poll

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"newsbot/corpus"
	"newsbot/corpus/fetch"
	"newsbot/internal/clock"
)

// Defaults of Options.
const (
	DefaultEvery      = 30 * time.Minute
	DefaultWatchEvery = 5 * time.Second
	DefaultMaxBackoff = 6 * time.Hour
)

// Clock is the time source of the schedule; tests pass one they advance by hand.
type Clock = clock.Clock

// Options configure a Poller. Library and StateDir are required.
type Options struct {
	Library  *corpus.Library
	StateDir string   // where StateFile is kept (the data folder)
	Feeds    []string // http(s) URLs of feeds or article pages
	Every    time.Duration
	WatchDir string // a folder whose dropped files are ingested; "" for none
	// WatchEvery is how often WatchDir is scanned. A file is taken in once two scans in a row
	// found it the same size and age, so that a file still being written is not.
	WatchEvery time.Duration
	MaxBackoff time.Duration // longest wait after failures; default DefaultMaxBackoff, at least Every
	Client     *fetch.Client // default fetch.New(fetch.Options{})
	Clock      Clock         // default the system clock
	Logger     *slog.Logger  // default slog.Default()

	// Lock, when set, is held around every library write (the library's writer lock).
	Lock func(ctx context.Context) (unlock func(), err error)
	// Changed is called, and waited for, after a round that changed the library: it rebuilds
	// and swaps in the search index. Its error is logged.
	Changed func(ctx context.Context, r Round) error
	// Polled, when set, is called after every round (a hook for tests and metrics).
	Polled func(r Round)
}

// Round is what one round of polling did.
type Round struct {
	Polled   []string // feeds fetched and files looked at
	Added    int
	Replaced int
	Skipped  int
	Editions []string // editions written
	Errors   []error  // failed feeds and refused files, each naming its URL or file
}

// Changed reports whether the round changed the library.
func (r Round) Changed() bool { return len(r.Editions) > 0 }

func (r *Round) merge(m MergeResult) {
	r.Added += m.Added
	r.Replaced += m.Replaced
	r.Skipped += m.Skipped
	r.Editions = append(r.Editions, m.Editions...)
}

// Poller polls feeds on a schedule and ingests the files dropped into a folder.
type Poller struct {
	opts    Options
	state   *state
	next    map[string]time.Time // when each feed is due; zero: now
	pending map[string]FileState // files seen once in the watched folder, not yet taken in
	scanAt  time.Time
}

// New checks opts and loads the saved state (validators and failures of each feed).
func New(opts Options) (*Poller, error) {
	if opts.Library == nil || opts.StateDir == "" {
		return nil, errors.New("poll: New needs a Library and a StateDir")
	}
	for _, u := range opts.Feeds {
		if err := fetch.CheckURL(u); err != nil {
			return nil, fmt.Errorf("poll: feed %s: %w", u, err)
		}
	}
	if opts.Every <= 0 {
		opts.Every = DefaultEvery
	}
	if opts.WatchEvery <= 0 {
		opts.WatchEvery = DefaultWatchEvery
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	opts.MaxBackoff = max(opts.MaxBackoff, opts.Every)
	if opts.Client == nil {
		opts.Client = fetch.New(fetch.Options{})
	}
	if opts.Clock == nil {
		opts.Clock = clock.System{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	st, err := loadState(filepath.Join(opts.StateDir, StateFile))
	if err != nil {
		return nil, err
	}
	return &Poller{opts: opts, state: st, next: map[string]time.Time{}, pending: map[string]FileState{}}, nil
}

// Run polls every feed at once, then each again when due (Every after a success, sooner then
// longer after failures), and scans the watched folder every WatchEvery, until ctx ends.
func (p *Poller) Run(ctx context.Context) error {
	for {
		p.Poll(ctx)
		wait := p.nextWake().Sub(p.opts.Clock.Now())
		select {
		case <-ctx.Done():
			return nil
		case <-p.opts.Clock.After(max(wait, 0)):
		}
	}
}

// nextWake is the earliest time a feed is due or the folder is to be scanned.
func (p *Poller) nextWake() time.Time {
	var at time.Time
	for _, u := range p.opts.Feeds {
		if t := p.next[u]; at.IsZero() || t.Before(at) {
			at = t
		}
	}
	if p.opts.WatchDir != "" && (at.IsZero() || p.scanAt.Before(at)) {
		at = p.scanAt
	}
	if at.IsZero() {
		at = p.opts.Clock.Now().Add(p.opts.Every)
	}
	return at
}

// Poll runs one round: the feeds that are due, and the watched folder when due. A changed
// library is handed to Options.Changed before Poll returns.
func (p *Poller) Poll(ctx context.Context) Round {
	var r Round
	now := p.opts.Clock.Now()
	for _, u := range p.opts.Feeds {
		if ctx.Err() != nil {
			break
		}
		if now.Before(p.next[u]) {
			continue
		}
		r.Polled = append(r.Polled, u)
		p.pollFeed(ctx, u, now, &r)
	}
	if p.opts.WatchDir != "" && !now.Before(p.scanAt) && ctx.Err() == nil {
		p.scanAt = now.Add(p.opts.WatchEvery)
		p.scan(ctx, &r)
	}
	if r.Changed() && p.opts.Changed != nil {
		if err := p.opts.Changed(ctx, r); err != nil {
			p.opts.Logger.Error("poll: the library changed but the index was not rebuilt", "err", err)
			r.Errors = append(r.Errors, err)
		}
	}
	if p.opts.Polled != nil {
		p.opts.Polled(r)
	}
	return r
}

// pollFeed fetches one feed and merges its items. Any failure (the fetch, a document that does
// not parse or is not a feed, the library write) is logged and backs the feed
// off; the library keeps what it had, and the validators of the last good copy are kept so
// that the next poll fetches the document whole.
func (p *Poller) pollFeed(ctx context.Context, url string, now time.Time, r *Round) {
	st := p.state.feed(url)
	m, format, v, err := p.fetchAndMerge(ctx, url, st)
	if err != nil {
		r.Errors = append(r.Errors, err)
		st.Failures++
		st.LastError = err.Error()
		wait := p.backoff(st.Failures)
		p.next[url] = now.Add(wait)
		p.opts.Logger.Warn("poll: feed failed; the library is unchanged", "feed", url, "failures", st.Failures, "retry_in", wait, "err", err)
	} else {
		r.merge(m)
		st.Failures, st.LastError, st.LastOK = 0, "", now
		if format != "" {
			st.Validators, st.Format = v, format
		}
		p.next[url] = now.Add(p.opts.Every)
		p.opts.Logger.Info("poll: feed polled", "feed", url, "not_modified", format == "",
			"added", m.Added, "replaced", m.Replaced, "skipped", m.Skipped)
	}
	if err := p.state.setFeed(url, st); err != nil {
		p.opts.Logger.Error("poll: saving the polling state failed", "err", err)
	}
}

// fetchAndMerge returns what the merge did and, when a document was taken in, its format and
// validators ("" format for a 304).
func (p *Poller) fetchAndMerge(ctx context.Context, url string, st SourceState) (MergeResult, string, fetch.Validators, error) {
	resp, err := p.opts.Client.Get(ctx, url, st.Validators)
	if err != nil {
		return MergeResult{}, "", fetch.Validators{}, err
	}
	if resp.NotModified {
		return MergeResult{}, "", fetch.Validators{}, nil
	}
	ed, err := corpus.Parse(url, resp.Body, corpus.Meta{ContentType: resp.ContentType})
	if err != nil {
		return MergeResult{}, "", fetch.Validators{}, fmt.Errorf("poll %s: %w", url, err)
	}
	if ed.Format != corpus.FormatFeed {
		// A --feed must yield a feed: anything else, a 200 HTML error or login page above all,
		// even on the first poll, is a failed poll, not an article page.
		return MergeResult{}, "", fetch.Validators{}, fmt.Errorf("poll %s: not a feed: served a %s document (Content-Type %q; an error page?); not taken in", url, ed.Format, resp.ContentType)
	}
	unlock, err := p.lock(ctx)
	if err != nil {
		return MergeResult{}, "", fetch.Validators{}, err
	}
	defer unlock()
	m, err := Merge(p.opts.Library, url, ed)
	return m, ed.Format, resp.Validators, err
}

func (p *Poller) lock(ctx context.Context) (func(), error) {
	if p.opts.Lock == nil {
		return func() {}, nil
	}
	return p.opts.Lock(ctx)
}

// backoff is the wait after the n-th failure in a row: a minute (or Every, when shorter),
// doubling, at most MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := min(p.opts.Every, time.Minute)
	for i := 1; i < n && d < p.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.opts.MaxBackoff)
}

// scan ingests the watched folder's files that are new or changed and have stayed the same
// since the previous scan. A refused file is logged and not tried again until it changes.
func (p *Poller) scan(ctx context.Context, r *Round) {
	entries, err := os.ReadDir(p.opts.WatchDir)
	if err != nil {
		r.Errors = append(r.Errors, fmt.Errorf("poll: watch %s: %w", p.opts.WatchDir, err))
		p.opts.Logger.Warn("poll: cannot read the watched folder", "dir", p.opts.WatchDir, "err", err)
		return
	}
	seen := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") || e.IsDir() {
			continue
		}
		path := filepath.Join(p.opts.WatchDir, name)
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		now := FileState{Size: fi.Size(), ModTime: fi.ModTime().UTC()}
		seen[path] = true
		if done, ok := p.state.file(path); ok && done == now {
			continue
		}
		if p.pending[path] != now {
			p.pending[path] = now // first sight, or still changing: wait for the next scan
			continue
		}
		delete(p.pending, path)
		r.Polled = append(r.Polled, path)
		p.ingestFile(ctx, path, now, r)
	}
	for path := range p.pending {
		if !seen[path] {
			delete(p.pending, path)
		}
	}
}

// ingestFile takes one dropped file in: a feed document is merged item by item like a polled
// one, so that an item the library already holds from the feed's URL is not stored a second
// time; any other file is one edition, as `newsbot ingest FILE` stores it, which replaces the
// edition of an earlier copy of it. The file is read and parsed once.
func (p *Poller) ingestFile(ctx context.Context, path string, fs FileState, r *Round) {
	unlock, err := p.lock(ctx)
	if err != nil {
		r.Errors = append(r.Errors, err)
		return
	}
	doc, err := readDocument(path)
	if !corpus.IsEdition(path, doc, err) {
		// A script, an image or a gallery page dropped beside the editions is no edition: left
		// out (not retried until it changes), as a folder given to ingest leaves it out.
		unlock()
		p.opts.Logger.Info("poll: dropped file left out: not an edition (another format, or no Chinese text)", "file", path)
		p.saveFileState(path, fs)
		return
	}
	if err != nil {
		unlock()
		r.Errors = append(r.Errors, fmt.Errorf("poll: %s refused: %w", path, err))
		p.opts.Logger.Warn("poll: dropped file refused", "file", path, "err", err)
		p.saveFileState(path, fs) // not retried until it changes
		return
	}
	var m MergeResult
	if doc.IsFeed() {
		m, err = Merge(p.opts.Library, path, doc)
	} else if err = p.opts.Library.Add(doc); err == nil {
		m = MergeResult{Added: len(doc.Articles), Editions: []string{doc.ID}}
	}
	unlock()
	p.recordFile(path, fs, m, err, r)
}

// readDocument reads and parses a dropped file: a regular file only, at most corpus.MaxFileSize
// bytes counted as they are read.
func readDocument(path string) (*corpus.Edition, error) {
	data, err := corpus.ReadFile(path, corpus.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return corpus.Parse(path, data, corpus.Meta{})
}

// recordFile records what storing a dropped file did.
func (p *Poller) recordFile(path string, fs FileState, m MergeResult, err error, r *Round) {
	if err != nil {
		r.Errors = append(r.Errors, fmt.Errorf("poll: ingest %s: %w", path, err))
		p.opts.Logger.Error("poll: ingesting a dropped file failed", "file", path, "err", err)
		return // not recorded: tried again at the next scan
	}
	r.merge(m)
	p.opts.Logger.Info("poll: dropped file ingested", "file", path, "editions", m.Editions,
		"added", m.Added, "replaced", m.Replaced, "skipped", m.Skipped)
	p.saveFileState(path, fs)
}

// saveFileState records a dropped file as taken in (or refused) in its present state.
func (p *Poller) saveFileState(path string, fs FileState) {
	if err := p.state.setFile(path, fs); err != nil {
		p.opts.Logger.Error("poll: saving the polling state failed", "err", err)
	}
}
