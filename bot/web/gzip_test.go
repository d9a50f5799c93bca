package web

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"*", true},
		{"*;q=0", false},
		{"*, gzip;q=0", false},
		{"identity", false},
		{"deflate", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestGzipResponses: a client that accepts gzip gets large JSON compressed, with an exact
// Content-Length, and the same document once decompressed; small bodies and other clients get
// plain JSON.
func TestGzipResponses(t *testing.T) {
	h := newTestServer(t, Options{}).Handler()
	plain := do(t, h, "GET", "/api/articles", "")
	if plain.header.Get("Content-Encoding") != "" || len(plain.body) < minGzipBytes {
		t.Fatalf("without Accept-Encoding: encoding %q, %d bytes; want plain JSON over %d bytes",
			plain.header.Get("Content-Encoding"), len(plain.body), minGzipBytes)
	}
	req := httptest.NewRequest("GET", "/api/articles", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", rec.Header().Get("Content-Encoding"))
	}
	if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("Content-Length %s, body %d bytes", cl, rec.Body.Len())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(unzipped) != plain.body {
		t.Errorf("decompressed body differs from the plain one")
	}
	if !json.Valid(unzipped) {
		t.Errorf("decompressed body is not JSON")
	}
	small := do(t, h, "GET", "/healthz", "", "Accept-Encoding", "gzip")
	if small.header.Get("Content-Encoding") != "" || !strings.Contains(small.body, `"ok"`) {
		t.Errorf("a small body was compressed: %q %q", small.header.Get("Content-Encoding"), small.body)
	}
}
