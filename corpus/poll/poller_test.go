package poll

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/corpus"
	"newsbot/corpus/fetch"
	"newsbot/internal/fakeclock"
)

func newPoller(t *testing.T, lib *corpus.Library, dir string, clock *fakeclock.Clock, opts Options) *Poller {
	t.Helper()
	opts.Library, opts.StateDir, opts.Clock, opts.Logger = lib, dir, clock, quietLogger()
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestNewItemAfterOnePollAndDuplicatesSkipped(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA, itemA) // the same item twice in one document
	lib, dir := openLib(t)
	clock := newFakeClock()
	changed := 0
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL + "/feed.xml"}, Every: 30 * time.Minute,
		Changed: func(context.Context, Round) error { changed++; return nil }})

	r := p.Poll(ctx)
	if len(r.Errors) > 0 || r.Added != 1 || r.Skipped != 1 || changed != 1 {
		t.Fatalf("first poll: %+v, changed %d", r, changed)
	}
	if got := titles(t, lib); !slices.Equal(got, []string{itemA.Title}) {
		t.Fatalf("library after the first poll: %q", got)
	}

	// Not due yet: nothing is fetched.
	clock.Advance(29 * time.Minute)
	if r := p.Poll(ctx); len(r.Polled) != 0 {
		t.Fatalf("a poll before --every elapsed fetched %v", r.Polled)
	}
	srv.set(itemA, itemB)
	clock.Advance(time.Minute)
	r = p.Poll(ctx)
	if r.Added != 1 || r.Skipped != 1 || r.Replaced != 0 || changed != 2 {
		t.Fatalf("second poll: %+v", r)
	}
	if got := titles(t, lib); !slices.Equal(got, []string{itemA.Title, itemB.Title}) {
		t.Fatalf("library after the second poll: %q", got)
	}
}

func TestItemChangedUpstreamReplacesItsOldVersion(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA, itemB)
	lib, dir := openLib(t)
	clock := newFakeClock()
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL}, Every: time.Hour})
	p.Poll(ctx)
	before, _ := lib.Articles()

	fixed := itemA
	fixed.Text = strings.Replace(itemA.Text, "12亿元", "12.5亿元", 1)
	srv.set(fixed, itemB)
	clock.Advance(time.Hour)
	r := p.Poll(ctx)
	if r.Replaced != 1 || r.Added != 0 || r.Skipped != 1 {
		t.Fatalf("poll after a correction: %+v", r)
	}
	after, _ := lib.Articles()
	if len(after) != 2 || after[0].ID != before[0].ID || !strings.Contains(after[0].Text, "12.5亿元") {
		t.Fatalf("the corrected item did not replace its old version keeping its ID:\nbefore %+v\nafter %+v", before, after)
	}
}

func TestConditionalGetAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA)
	lib, dir := openLib(t)
	clock := newFakeClock()
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL}})
	p.Poll(ctx)
	fp := fingerprint(t, lib)

	// A new process: the validators come from the state file.
	p2 := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL}})
	r := p2.Poll(ctx)
	if srv.lastINM == "" || len(r.Errors) > 0 || r.Changed() {
		t.Fatalf("restarted poll: If-None-Match %q, round %+v", srv.lastINM, r)
	}
	if fingerprint(t, lib) != fp {
		t.Fatal("a 304 changed the library")
	}
}

func TestFailedAndGarbagePollsLeaveTheLibraryAndRecover(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA)
	lib, dir := openLib(t)
	clock := newFakeClock()
	never := make(chan struct{})
	defer close(never)
	// Each case must fail for its own reason: the cap is small enough that the big body passes it
	// at once however loaded the machine (under -race a 4 MiB read could outlast the timeout and
	// fail as a timeout instead), and the timeout is long enough for every other case, short
	// enough that "never answers" waits it out quickly.
	client := fetch.New(fetch.Options{Timeout: 3 * time.Second, MaxBytes: 64 << 10})
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL + "/feed.xml"}, Every: 30 * time.Minute, Client: client})
	if r := p.Poll(ctx); r.Added != 1 {
		t.Fatalf("first poll: %+v", r)
	}
	fp := fingerprint(t, lib)
	srv.set(itemA, itemB)

	cases := []struct {
		name string
		fail func(w http.ResponseWriter, r *http.Request) bool
		want string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) bool {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return true
		}, "500"},
		{"HTML error page with 200", func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!DOCTYPE html><html><head><title>维护中</title></head><body><h1>系统维护中</h1><p>网站正在升级维护，请稍后再访问本站，给您带来不便敬请谅解。</p></body></html>"))
			return true
		}, "html"},
		{"50 MB body", func(w http.ResponseWriter, r *http.Request) bool {
			chunk := []byte(strings.Repeat("{", 1<<20))
			for range 50 {
				if _, err := w.Write(chunk); err != nil {
					break
				}
			}
			return true
		}, "too large"},
		{"invalid XML", func(w http.ResponseWriter, r *http.Request) bool {
			body := rss([]item{itemA, itemB})
			w.Write(body[:len(body)*2/3])
			return true
		}, "feed.xml"},
		{"never answers", func(w http.ResponseWriter, r *http.Request) bool {
			select {
			case <-never:
			case <-r.Context().Done():
			}
			return true
		}, "timed out"},
	}
	for i, c := range cases {
		srv.setFail(c.fail)
		clock.Advance(p.backoff(i) + 30*time.Minute)
		r := p.Poll(ctx)
		if len(r.Errors) != 1 || r.Changed() {
			t.Fatalf("%s: round %+v", c.name, r)
		}
		t.Logf("%s: %v", c.name, r.Errors[0])
		if msg := r.Errors[0].Error(); !strings.Contains(msg, srv.URL) || !strings.Contains(strings.ToLower(msg), c.want) {
			t.Errorf("%s: error %q does not name the URL and %q", c.name, msg, c.want)
		}
		if fingerprint(t, lib) != fp {
			t.Fatalf("%s changed the library", c.name)
		}
		if got := p.state.feed(srv.URL + "/feed.xml").Failures; got != i+1 {
			t.Errorf("%s: %d failures recorded, want %d", c.name, got, i+1)
		}
	}
	// Backed off: not polled a minute later.
	clock.Advance(time.Minute)
	if r := p.Poll(ctx); len(r.Polled) != 0 {
		t.Fatalf("polled again a minute after the fifth failure: %+v", r)
	}
	srv.setFail(nil)
	clock.Advance(p.backoff(5))
	r := p.Poll(ctx)
	if len(r.Errors) != 0 || r.Added != 1 || r.Skipped != 1 {
		t.Fatalf("recovering poll: %+v", r)
	}
	if p.state.feed(srv.URL+"/feed.xml").Failures != 0 {
		t.Error("failures not reset after a good poll")
	}
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	p := &Poller{opts: Options{Every: 30 * time.Minute, MaxBackoff: 6 * time.Hour}}
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, w := range want {
		if got := p.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := p.backoff(40); got != 6*time.Hour {
		t.Errorf("backoff(40) = %v, want the 6h cap", got)
	}
}

func TestRunPollsAtOnceThenEveryInterval(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(itemA)
	lib, dir := openLib(t)
	clock := newFakeClock()
	rounds := make(chan Round, 4)
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL}, Every: 10 * time.Minute,
		Polled: func(r Round) { rounds <- r }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()

	if r := <-rounds; r.Added != 1 {
		t.Fatalf("first round: %+v", r)
	}
	if d := <-clock.Waiting; d != 10*time.Minute {
		t.Fatalf("sleeps %v after the first round, want 10m", d)
	}
	srv.set(itemA, itemB)
	clock.Advance(10 * time.Minute)
	if r := <-rounds; r.Added != 1 || r.Skipped != 1 {
		t.Fatalf("second round: %+v", r)
	}
	<-clock.Waiting
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestWatchedFolderTakesInSettledFiles(t *testing.T) {
	ctx := context.Background()
	lib, dir := openLib(t)
	watch := t.TempDir()
	clock := newFakeClock()
	p := newPoller(t, lib, dir, clock, Options{WatchDir: watch, WatchEvery: time.Second})

	path := filepath.Join(watch, "2024-11-08.txt")
	if err := os.WriteFile(path, corpus.BuiltinText(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(watch, "bad.txt"), []byte("\x00\x01\x02\x03binary\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Not editions: left out without an error, and not read again.
	for name, data := range map[string]string{"export.py": "#!/usr/bin/env python3\nprint('exported')\n",
		"index.html": `<!DOCTYPE html><html><head><title>Thumbnails</title></head><body><h1>Index of /photos</h1><a href="p1.jpg"><img src="t/p1.jpg"></a> p1.jpg 2024-11-08 3.2 MB</body></html>`} {
		if err := os.WriteFile(filepath.Join(watch, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if r := p.Poll(ctx); r.Changed() || len(r.Polled) != 0 {
		t.Fatalf("a file seen once was taken in before it settled: %+v", r)
	}
	clock.Advance(time.Second)
	r := p.Poll(ctx)
	if !r.Changed() || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "bad.txt") {
		t.Fatalf("second scan: %+v", r)
	}
	if b, _ := corpus.Builtin(); r.Added != len(b.Articles) {
		t.Errorf("second scan added %d articles, want the edition's %d (the script and the gallery page are no editions): %v", r.Added, len(b.Articles), titles(t, lib))
	}
	n := len(titles(t, lib))
	clock.Advance(time.Second)
	if r := p.Poll(ctx); len(r.Polled) != 0 {
		t.Fatalf("unchanged files taken in again: %+v", r)
	}
	// A restarted poller remembers what it took in.
	p2 := newPoller(t, lib, dir, clock, Options{WatchDir: watch, WatchEvery: time.Second})
	for range 2 {
		if r := p2.Poll(ctx); len(r.Polled) != 0 || len(titles(t, lib)) != n {
			t.Fatalf("restart took the files in again: %+v", r)
		}
		clock.Advance(time.Second)
	}
}

func TestNewRefusesBadFeedURLs(t *testing.T) {
	lib, dir := openLib(t)
	_, err := New(Options{Library: lib, StateDir: dir, Feeds: []string{"ftp://example.invalid/feed"}})
	if !errors.Is(err, fetch.ErrScheme) || !strings.Contains(err.Error(), "ftp://example.invalid/feed") {
		t.Fatalf("err = %v", err)
	}
}

// A feed document dropped into the watched folder is merged item by item, like a polled one: the
// items the library already holds from the feed's URL are not stored again, and a changed one
// replaces its old version.
func TestWatchedFeedFileMergesItsItems(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA)
	lib, dir := openLib(t)
	watch := t.TempDir()
	clock := newFakeClock()
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL + "/feed.xml"}, Every: time.Hour,
		WatchDir: watch, WatchEvery: time.Second})
	if r := p.Poll(ctx); r.Added != 1 {
		t.Fatalf("first poll: %+v", r)
	}
	before, _ := lib.Articles()

	fixed := itemA
	fixed.Text = strings.Replace(itemA.Text, "12亿元", "12.5亿元", 1)
	if err := os.WriteFile(filepath.Join(watch, "feed.xml"), rss([]item{fixed, itemB}), 0o644); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	p.Poll(ctx) // seen once
	clock.Advance(time.Second)
	r := p.Poll(ctx)
	if len(r.Errors) > 0 || r.Added != 1 || r.Replaced != 1 {
		t.Fatalf("the dropped feed: %+v", r)
	}
	after, _ := lib.Articles()
	if got := titles(t, lib); len(after) != 2 || !slices.Contains(got, itemA.Title) || !slices.Contains(got, itemB.Title) {
		t.Fatalf("library after the dropped feed: %q", got)
	}
	for _, a := range after {
		if a.Title == itemA.Title && (a.ID != before[0].ID || !strings.Contains(a.Text, "12.5亿元")) {
			t.Fatalf("the item polled from the URL was not replaced in place: %+v", a)
		}
	}
}

// TestFirstPollOfANonFeedFails: a --feed URL must yield a feed. A 200 HTML page (a maintenance
// or login page, or an article page) on the very first poll, when nothing says what the URL
// served before, is a failed poll: logged with the URL and why, backed off, the library
// untouched; the feed served later is taken in.
func TestFirstPollOfANonFeedFails(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	srv.set(itemA)
	srv.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!DOCTYPE html><html><head><title>系统维护</title></head><body><h1>系统维护通知</h1><p>　　本站正在进行系统升级维护，预计今天下午五点恢复访问，给您带来不便敬请谅解。</p></body></html>"))
		return true
	})
	lib, dir := openLib(t)
	fp := fingerprint(t, lib)
	clock := newFakeClock()
	p := newPoller(t, lib, dir, clock, Options{Feeds: []string{srv.URL + "/feed.xml"}, Every: 30 * time.Minute})
	r := p.Poll(ctx)
	if len(r.Errors) != 1 || r.Changed() {
		t.Fatalf("first poll of an HTML page: round %+v, want one error and no change", r)
	}
	if msg := r.Errors[0].Error(); !strings.Contains(msg, srv.URL+"/feed.xml") || !strings.Contains(msg, "not a feed") {
		t.Errorf("error %q does not name the URL and say it is not a feed", msg)
	}
	if fingerprint(t, lib) != fp {
		t.Fatal("the HTML page changed the library")
	}
	if st := p.state.feed(srv.URL + "/feed.xml"); st.Failures != 1 {
		t.Errorf("%d failures recorded, want 1 (backed off)", st.Failures)
	}
	srv.setFail(nil)
	clock.Advance(p.backoff(1))
	if r := p.Poll(ctx); len(r.Errors) != 0 || r.Added != 1 {
		t.Fatalf("the feed once served: round %+v", r)
	}
}
