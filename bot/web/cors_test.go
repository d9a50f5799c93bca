package web

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestOptionsAndCORS checks OPTIONS on every route (204 with Allow) and that the API opens to
// another origin's pages only when that origin is configured.
func TestOptionsAndCORS(t *testing.T) {
	const page = "https://news.example.com"
	tests := []struct {
		name        string
		origins     []string
		method      string
		target      string
		header      []string
		wantStatus  int
		wantHeaders map[string]string // "" means the header must be absent
	}{
		{name: "plain OPTIONS on the API", method: "OPTIONS", target: "/api/ask", wantStatus: 204,
			wantHeaders: map[string]string{"Allow": "POST, OPTIONS", "Access-Control-Allow-Origin": ""}},
		{name: "plain OPTIONS on the page", method: "OPTIONS", target: "/", wantStatus: 204,
			wantHeaders: map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
		{name: "preflight from an unconfigured origin", method: "OPTIONS", target: "/api/ask",
			header:     []string{"Origin", "https://evil.example", "Access-Control-Request-Method", "POST"},
			wantStatus: 403, wantHeaders: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": ""}},
		{name: "cross-origin text POST from an unconfigured origin is refused (CSRF)", method: "POST", target: "/api/ask",
			header:     []string{"Origin", "https://evil.example", "Content-Type", "text/plain"},
			wantStatus: 403, wantHeaders: map[string]string{"Access-Control-Allow-Origin": "", "Vary": "Origin"}},
		{name: "preflight from a configured origin", origins: []string{page}, method: "OPTIONS", target: "/api/ask",
			header:     []string{"Origin", page, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"},
			wantStatus: 204, wantHeaders: map[string]string{"Access-Control-Allow-Origin": page, "Vary": "Origin",
				"Access-Control-Allow-Methods": corsMethods, "Access-Control-Allow-Headers": corsHeaders}},
		{name: "configured origin matched with a default port", origins: []string{page}, method: "OPTIONS", target: "/api/articles",
			header:     []string{"Origin", "https://NEWS.example.com:443", "Access-Control-Request-Method", "GET"},
			wantStatus: 204, wantHeaders: map[string]string{"Access-Control-Allow-Origin": "https://NEWS.example.com:443"}},
		{name: "another origin than the configured one", origins: []string{page}, method: "OPTIONS", target: "/api/ask",
			header:     []string{"Origin", "http://news.example.com", "Access-Control-Request-Method", "POST"},
			wantStatus: 403, wantHeaders: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "POST from a configured origin is readable", origins: []string{page}, method: "POST", target: "/api/ask",
			header:     []string{"Origin", page, "Content-Type", "application/json"},
			wantStatus: 200, wantHeaders: map[string]string{"Access-Control-Allow-Origin": page}},
		{name: "any origin when configured with *", origins: []string{"*"}, method: "GET", target: "/api/articles",
			header:     []string{"Origin", "http://localhost:3000"},
			wantStatus: 200, wantHeaders: map[string]string{"Access-Control-Allow-Origin": "http://localhost:3000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestServer(t, Options{AllowedOrigins: tt.origins}).Handler()
			body := ""
			if tt.method == "POST" {
				body = `{"question":"面积"}`
			}
			got := do(t, h, tt.method, tt.target, body, tt.header...)
			if got.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", got.status, tt.wantStatus, got.body)
			}
			for k, v := range tt.wantHeaders {
				g := got.header.Get(k)
				if k == "Vary" && slices.Contains(got.header.Values(k), v) {
					g = v
				}
				if g != v {
					t.Errorf("header %s = %q, want %q", k, got.header.Values(k), v)
				}
			}
		})
	}
}

func TestAllowedOriginsChecked(t *testing.T) {
	for _, bad := range []string{"news.example.com", "ftp://x.example", "https://x.example/path", "https://"} {
		if _, err := New(Options{Asker: newFakeAsker(), AllowedOrigins: []string{bad}}); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("New with AllowedOrigins %q: error %v, want one naming it", bad, err)
		}
	}
}

// TestPreflightNotRateLimited: a browser's preflight must not spend the client's questions.
func TestPreflightNotRateLimited(t *testing.T) {
	h := newTestServer(t, Options{AllowedOrigins: []string{"*"}, RateLimit: RateLimit{PerMinute: 1, Burst: 1}}).Handler()
	for i := range 3 {
		req := httptest.NewRequest("OPTIONS", "/api/ask", nil)
		req.Header.Set("Origin", "https://a.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 204 {
			t.Fatalf("preflight %d: status %d, want 204", i, rec.Code)
		}
	}
	if got := do(t, h, "POST", "/api/ask", `{"question":"面积"}`); got.status != 200 {
		t.Errorf("question after preflights: status %d, want 200", got.status)
	}
}

// TestCrossOriginFormRefused: a form, multipart or text/plain post to /api/ask (what any page
// can make a visitor's browser send without a preflight) from an origin the CORS rules do not
// allow is refused (403) without asking anything; the page's own form (same origin, JavaScript
// off), an allowed origin, and clients without browser headers (curl) are answered.
func TestCrossOriginFormRefused(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	tests := []struct {
		name    string
		allowed []string
		ctype   string
		body    string
		header  []string
		want    int
	}{
		{"form from another origin", nil, form, "question=达茂旗面积", []string{"Origin", "https://evil.example"}, 403},
		{"multipart from another origin", nil, "multipart/form-data; boundary=X",
			"--X\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\n达茂旗面积\r\n--X--\r\n", []string{"Origin", "https://evil.example"}, 403},
		{"text from another origin", nil, "text/plain", "达茂旗面积", []string{"Origin", "https://evil.example"}, 403},
		{"cross-site fetch metadata only", nil, form, "question=达茂旗面积", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"null origin", nil, form, "question=达茂旗面积", []string{"Origin", "null"}, 403},
		{"own page's form", nil, form, "question=达茂旗面积", []string{"Origin", "http://example.com"}, 200},
		{"own page, fetch metadata", nil, form, "question=达茂旗面积", []string{"Origin", "http://example.com", "Sec-Fetch-Site", "same-origin"}, 200},
		{"allowed origin", []string{"https://news.example.com"}, form, "question=达茂旗面积", []string{"Origin", "https://news.example.com"}, 200},
		{"any origin allowed", []string{"*"}, form, "question=达茂旗面积", []string{"Origin", "https://evil.example"}, 200},
		{"curl", nil, form, "question=达茂旗面积", nil, 200},
		{"JSON keeps its CORS rules", nil, "application/json", `{"question":"达茂旗面积"}`, []string{"Origin", "https://evil.example"}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeAsker()
			h := newTestServer(t, Options{Asker: fake, AllowedOrigins: tt.allowed}).Handler()
			got := do(t, h, "POST", "/api/ask", tt.body, append([]string{"Content-Type", tt.ctype}, tt.header...)...)
			if got.status != tt.want {
				t.Fatalf("status %d (%s), want %d", got.status, got.body, tt.want)
			}
			if asked := len(fake.Calls()); (tt.want == 403) != (asked == 0) {
				t.Errorf("%d questions reached the engine", asked)
			}
			if tt.name == "JSON keeps its CORS rules" && got.header.Get("Access-Control-Allow-Origin") != "" {
				t.Error("a JSON answer was made readable to an origin not allowed")
			}
		})
	}
}
