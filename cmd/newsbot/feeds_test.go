package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/corpus"
	"newsbot/corpus/poll"
	"newsbot/internal/fakeclock"
)

// testFeed serves a feed document the test can change, on loopback.
type testFeed struct {
	*httptest.Server
	mu   sync.Mutex
	body string
	code int
}

func newTestFeed(t *testing.T, body string) *testFeed {
	f := &testFeed{body: body, code: http.StatusOK}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(f.code)
		w.Write([]byte(f.body))
	}))
	t.Cleanup(f.Close)
	return f
}

// bridgeFeed is an e-paper's RSS 2.0 feed: each item's article as escaped HTML.
const bridgeFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>青山日报</title><link>https://news.example/</link>
<item><title>青山湖大桥今天通车</title><link>https://news.example/2026-12-07/a1.html</link>
<guid isPermaLink="false">qs-20261207-a1</guid><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate>
<description>&lt;p&gt;　　青山湖大桥全长2.8公里，总投资12亿元，今天上午正式通车。&lt;/p&gt;</description></item>
<item><title>城东新建三所小学</title><link>https://news.example/2026-12-07/b2.html</link>
<guid isPermaLink="false">qs-20261207-b2</guid><pubDate>Mon, 07 Dec 2026 08:00:00 +0800</pubDate>
<description>&lt;p&gt;　　城东片区今年新建三所小学，新增学位4050个，明年9月投入使用。&lt;/p&gt;</description></item>
</channel></rss>
`

const parkItem = `<item><title>滨江公园改造完工</title><link>https://news.example/2026-12-07/c3.html</link>
<guid isPermaLink="false">qs-20261207-c3</guid><pubDate>Mon, 07 Dec 2026 15:00:00 +0800</pubDate>
<description>&lt;p&gt;　　滨江公园改造工程日前完工，新增停车位320个，园内步道全长6公里。&lt;/p&gt;</description></item>
`

func askHTTP(t *testing.T, url, question string) bot.Answer {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"question": question})
	resp, err := http.Post(url+"/api/ask", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans bot.Answer
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

func articlesOf(t *testing.T, e env) []corpus.Article {
	t.Helper()
	stdout, stderr, err := runCmd(t, e, "", "articles", "--json")
	if err != nil {
		t.Fatalf("articles: %v\n%s", err, stderr)
	}
	var arts []corpus.Article
	if err := json.Unmarshal([]byte(stdout), &arts); err != nil {
		t.Fatal(err)
	}
	return arts
}

func TestIngestURL(t *testing.T) {
	feed := newTestFeed(t, bridgeFeed)
	e := env{"NEWSBOT_DATA": t.TempDir()}
	if _, stderr, err := runCmd(t, e, "", "ingest", feed.URL+"/feed.xml"); err != nil {
		t.Fatalf("ingest URL: %v\n%s", err, stderr)
	}
	arts := articlesOf(t, e)
	if len(arts) != 2 || arts[0].Paper != "青山日报" || arts[0].Date != "2026-12-07" || arts[0].URL == "" {
		t.Fatalf("articles after ingesting the feed: %+v", arts)
	}
	// The same feed again: nothing new, nothing doubled.
	stdout, stderr, err := runCmd(t, e, "", "ingest", feed.URL+"/feed.xml")
	if err != nil || len(articlesOf(t, e)) != 2 {
		t.Fatalf("second ingest: %v, %d articles\n%s%s", err, len(articlesOf(t, e)), stdout, stderr)
	}
	stdout, _, err = runCmd(t, e, "", "ask", "--json", "青山湖大桥总投资多少？")
	if err != nil || !strings.Contains(stdout, "12亿元") {
		t.Fatalf("ask after ingest URL: %v %s", err, stdout)
	}

	feed.mu.Lock()
	feed.code = http.StatusServiceUnavailable
	feed.mu.Unlock()
	for _, bad := range []string{feed.URL + "/feed.xml", "ftp://example.invalid/feed.xml"} {
		_, stderr, err := runCmd(t, e, "", "ingest", bad)
		if exitCode(err) != 2 || !strings.Contains(stderr, bad) {
			t.Errorf("ingest %s: exit %d (%v), stderr %q; want 2 naming the URL", bad, exitCode(err), err, stderr)
		}
	}
	_, stderr, _ = runCmd(t, e, "", "ingest", feed.URL+"/feed.xml")
	if !strings.Contains(stderr, "503") {
		t.Errorf("a 503 is not named: %q", stderr)
	}
	if len(articlesOf(t, e)) != 2 {
		t.Error("a refused URL changed the library")
	}
}

// TestServeFeed is the target of the feature: `serve --feed URL` brings a feed's edition online
// with no other step, and what the feed adds later is answerable without a restart.
func TestServeFeed(t *testing.T) {
	feed := newTestFeed(t, bridgeFeed)
	e := env{"NEWSBOT_DATA": t.TempDir()}
	rounds := make(chan poll.Round, 8)
	clock := fakeclock.New(time.Now())
	ctx := context.WithValue(context.Background(), pollHookKey{}, func(r poll.Round) { rounds <- r })
	ctx, cancel := context.WithCancel(context.WithValue(ctx, pollClockKey{}, poll.Clock(clock)))
	defer cancel()
	out := &lineWriter{lines: make(chan string, 16)}
	errOut := &lineWriter{lines: make(chan string, 256)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--feed", feed.URL + "/feed.xml"}, e.get, strings.NewReader(""), out, errOut)
	}()
	var url string
	select {
	case line := <-out.lines:
		url = line[strings.Index(line, "http://"):]
	case err := <-done:
		t.Fatalf("serve stopped early: %v", err)
	}
	select {
	case r := <-rounds:
		if r.Added != 2 || len(r.Errors) > 0 {
			t.Fatalf("first poll: %+v", r)
		}
	case err := <-done:
		t.Fatalf("serve stopped early: %v", err)
	}
	if ans := askHTTP(t, url, "青山湖大桥总投资多少？"); !ans.Found || !strings.Contains(ans.Answer, "12亿元") {
		t.Fatalf("answer after the first poll: %+v", ans)
	}

	// The feed adds an item; the next poll (--every later) makes it answerable, no restart.
	<-clock.Waiting
	feed.mu.Lock()
	feed.body = strings.Replace(bridgeFeed, "</channel>", parkItem+"</channel>", 1)
	feed.mu.Unlock()
	clock.Advance(30 * time.Minute)
	if r := <-rounds; r.Added != 1 || r.Skipped != 2 {
		t.Fatalf("second poll: %+v", r)
	}
	if ans := askHTTP(t, url, "滨江公园新增多少个停车位？"); !ans.Found || !strings.Contains(ans.Answer, "320个") {
		t.Fatalf("answer after the second poll: %+v", ans)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestFeedFlagsChecked(t *testing.T) {
	file := t.TempDir() + "/x.txt"
	for _, args := range [][]string{
		{"serve", "--feed", "ftp://example.invalid/feed"},
		{"serve", "--feed", "http://127.0.0.1:1/feed", "--every", "10s"},
		{"serve", "--watch", t.TempDir() + "/missing"},
		{"telegram", "--watch", file},
		{"serve", "--every", "10m"},
		{"telegram", "--watch", t.TempDir(), "--every", "1h"},
	} {
		_, _, err := runCmd(t, env{"TELEGRAM_BOT_TOKEN": "1:x"}, "", args...)
		if exitCode(err) != 2 {
			t.Errorf("%q: exit %d (%v), want 2", args, exitCode(err), err)
		}
	}
}

// TestIngestFeedFile: a feed document given to `ingest` as a file is merged item by item like a
// polled one: the items taken in from the feed's URL are not stored again, nor those of an
// earlier ingest of the same file (or of a copy of it elsewhere); an item new in the file is
// added, and answerable.
func TestIngestFeedFile(t *testing.T) {
	feed := newTestFeed(t, bridgeFeed)
	e := env{"NEWSBOT_DATA": t.TempDir()}
	if _, stderr, err := runCmd(t, e, "", "ingest", feed.URL+"/feed.xml"); err != nil {
		t.Fatalf("ingest URL: %v\n%s", err, stderr)
	}
	saved := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(saved, []byte(bridgeFeed), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, stderr, err := runCmd(t, e, "", "ingest", saved); err != nil {
			t.Fatalf("ingest FILE: %v\n%s", err, stderr)
		}
		if n := len(articlesOf(t, e)); n != 2 {
			t.Fatalf("after ingesting the saved feed the library holds %d articles, want the feed's 2", n)
		}
	}
	grown := filepath.Join(t.TempDir(), "copy", "feed.xml")
	os.MkdirAll(filepath.Dir(grown), 0o755)
	if err := os.WriteFile(grown, []byte(strings.Replace(bridgeFeed, "</channel>", parkItem+"</channel>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", filepath.Dir(grown)); err != nil {
		t.Fatalf("ingest folder: %v\n%s", err, stderr)
	}
	if n := len(articlesOf(t, e)); n != 3 {
		t.Errorf("after a copy with one more item the library holds %d articles, want 3", n)
	}
	stdout, _, err := runCmd(t, e, "", "ask", "--json", "滨江公园新增多少停车位？")
	if err != nil || !strings.Contains(stdout, "320个") {
		t.Errorf("ask about the new item: %v %s", err, stdout)
	}
	if out, errText, err := runCmd(t, e, "", "check"); err != nil {
		t.Errorf("check: %v\n%s%s", err, out, errText)
	}
}
