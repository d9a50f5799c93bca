package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestGetSendsUserAgentAndConditionalHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != DefaultUserAgent {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 07 Dec 2026 08:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	c := New(Options{})
	r, err := c.Get(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Body) != "<rss/>" || r.NotModified || r.ContentType != "application/rss+xml" || r.Validators.ETag != `"v1"` {
		t.Fatalf("first get: %+v", r)
	}
	r2, err := c.Get(context.Background(), srv.URL, r.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !r2.NotModified || r2.Body != nil || r2.Validators != r.Validators {
		t.Fatalf("conditional get: %+v", r2)
	}
}

func TestGetErrorsNameURLAndStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><body>Bad gateway</body></html>"))
	}))
	defer srv.Close()
	_, err := New(Options{}).Get(context.Background(), srv.URL+"/feed.xml", Validators{})
	var fe *Error
	if !errors.As(err, &fe) || fe.Status != 502 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), srv.URL+"/feed.xml") || !strings.Contains(err.Error(), "502") {
		t.Fatalf("error does not name the URL and status: %v", err)
	}
}

func TestGetRefusesLargeBodies(t *testing.T) {
	chunk := strings.Repeat("x", 1<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/announced" {
			w.Header().Set("Content-Length", "5000")
		}
		for range 5 { // unannounced (chunked) unless /announced
			w.Write([]byte(chunk))
		}
	}))
	defer srv.Close()
	c := New(Options{MaxBytes: 4 << 10})
	for _, path := range []string{"/chunked", "/announced"} {
		_, err := c.Get(context.Background(), srv.URL+path, Validators{})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), srv.URL+path) {
			t.Errorf("%s: err = %v, want ErrTooLarge naming the URL", path, err)
		}
	}
	if _, err := New(Options{MaxBytes: 5 << 10}).Get(context.Background(), srv.URL+"/chunked", Validators{}); err != nil {
		t.Errorf("a body of exactly the cap: %v", err)
	}
}

func TestGetBoundsRedirectsAndSchemes(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/loop":
			http.Redirect(w, r, srv.URL+"/loop", http.StatusFound)
		case "/ftp":
			http.Redirect(w, r, "ftp://example.invalid/x", http.StatusFound)
		case "/once":
			http.Redirect(w, r, srv.URL+"/final", http.StatusMovedPermanently)
		default:
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	c := New(Options{MaxRedirects: 3})
	if _, err := c.Get(context.Background(), srv.URL+"/loop", Validators{}); !errors.Is(err, ErrTooManyHops) {
		t.Errorf("loop: %v", err)
	}
	if _, err := c.Get(context.Background(), srv.URL+"/ftp", Validators{}); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to ftp: %v", err)
	}
	r, err := c.Get(context.Background(), srv.URL+"/once", Validators{})
	if err != nil || r.URL != srv.URL+"/final" {
		t.Errorf("one redirect: %v %+v", err, r)
	}
	for _, u := range []string{"ftp://example.invalid/feed", "file:///etc/passwd", "http:///nohost"} {
		_, err := c.Get(context.Background(), u, Validators{})
		if !Refused(err) || !strings.Contains(err.Error(), u) {
			t.Errorf("%s: err = %v, want a refusal naming it", u, err)
		}
	}
}

func TestGetTimesOutOnAServerThatNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	_, err := New(Options{Timeout: 50 * time.Millisecond}).Get(context.Background(), srv.URL, Validators{})
	var fe *Error
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "timed out") || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("err = %v, want a timeout naming the URL", err)
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"http://a/b": true, "https://a": true, "ftp://a/b": true, "papers/2024-11-08.txt": false,
		"C:\\papers\\x.txt": false, "c:/papers": false, "/abs/path": false, "mailto:x@y": false,
	} {
		if IsURL(s) != want {
			t.Errorf("IsURL(%q) = %v", s, !want)
		}
	}
}
