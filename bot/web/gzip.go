package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
)

// minGzipBytes is the smallest JSON body worth compressing.
const minGzipBytes = 1024

// gzipNegotiator marks a response writer whose client accepts gzip, for writeJSON.
type gzipNegotiator struct {
	http.ResponseWriter
}

func (g gzipNegotiator) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// negotiateGzip lets writeJSON compress large bodies (an article list of a big library) for
// clients that accept gzip. Bodies are whole in memory already, so compressing them is simple
// and Content-Length stays exact.
func negotiateGzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			w = gzipNegotiator{w}
		}
		h.ServeHTTP(w, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: listed (or "*") with a
// q-value above zero; an explicit gzip entry overrides "*".
func acceptsGzip(header string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				ok = err == nil && q > 0
			}
		}
		if name == "gzip" {
			return ok
		}
		star = ok
	}
	return star
}

// gzipBody compresses body for w's client when it accepts gzip and body is large enough,
// setting Content-Encoding; otherwise it returns body unchanged.
func gzipBody(w http.ResponseWriter, body []byte) []byte {
	if _, ok := w.(gzipNegotiator); !ok || len(body) < minGzipBytes {
		return body
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(body); err != nil {
		return body
	}
	if err := zw.Close(); err != nil {
		return body
	}
	w.Header().Set("Content-Encoding", "gzip")
	return buf.Bytes()
}
