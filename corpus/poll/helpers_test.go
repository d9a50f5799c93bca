package poll

import (
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/corpus"
	"newsbot/internal/fakeclock"
)

func newFakeClock() *fakeclock.Clock {
	return fakeclock.New(time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC))
}

// item is one item of a test RSS feed.
type item struct {
	ID    string // guid
	URL   string
	Date  string // YYYY-MM-DD
	Title string
	Text  string
}

// rss writes an RSS 2.0 feed of items as an e-paper's feed does: each item's article as
// escaped HTML in its description.
func rss(items []item) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>青山日报</title><link>https://news.example/</link>` + "\n")
	for _, it := range items {
		d, _ := time.Parse(time.DateOnly, it.Date)
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
			html.EscapeString(it.Title), it.URL, it.ID, d.Add(8*time.Hour).Format(time.RFC1123Z),
			html.EscapeString("<p>　　"+it.Text+"</p>"))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// feedServer serves a feed whose items and failure mode the test sets, with an ETag.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	items    []item
	fail     func(w http.ResponseWriter, r *http.Request) bool // answers instead of the feed when it returns true
	requests int
	lastINM  string // If-None-Match of the last request
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	fs.requests++
	fs.lastINM = r.Header.Get("If-None-Match")
	fail, items := fs.fail, append([]item(nil), fs.items...)
	fs.mu.Unlock()
	if fail != nil && fail(w, r) {
		return
	}
	body := rss(items)
	etag := fmt.Sprintf(`"%x"`, len(body)*7919+strings.Count(string(body), "。"))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(body)
}

func (fs *feedServer) set(items ...item) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.items = items
}

func (fs *feedServer) setFail(f func(w http.ResponseWriter, r *http.Request) bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.fail = f
}

var (
	itemA = item{ID: "a1", URL: "https://news.example/2026-12-07/a1.html", Date: "2026-12-07",
		Title: "青山湖大桥今天通车", Text: "青山湖大桥全长2.8公里，总投资12亿元，今天上午正式通车。"}
	itemB = item{ID: "b2", URL: "https://news.example/2026-12-07/b2.html", Date: "2026-12-07",
		Title: "城东新建三所小学", Text: "城东片区今年新建三所小学，新增学位4050个，明年9月投入使用。"}
)

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func openLib(t *testing.T) (*corpus.Library, string) {
	dir := t.TempDir()
	lib, err := corpus.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	return lib, dir
}

func titles(t *testing.T, lib *corpus.Library) []string {
	t.Helper()
	eds, err := lib.Editions()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range eds {
		for _, a := range e.Articles {
			out = append(out, a.Title)
		}
	}
	return out
}

func fingerprint(t *testing.T, lib *corpus.Library) string {
	t.Helper()
	fp, err := lib.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	return fp
}
