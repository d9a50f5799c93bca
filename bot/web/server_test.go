package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"newsbot/bot"
	"newsbot/bot/metrics"
)

// serveAsker serves the web chat over asker (test options) on a loopback server closed when t ends.
func serveAsker(t testing.TB, asker Asker) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newTestServer(t, Options{Asker: asker}).Handler())
	t.Cleanup(srv.Close)
	return srv
}

func newTestServer(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Asker == nil {
		opts.Asker = newFakeAsker()
	}
	if opts.RateLimit == (RateLimit{}) {
		opts.RateLimit = RateLimit{PerMinute: -1}
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, h http.Handler, method, target, body string, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
}

func jsonError(t *testing.T, body string) string {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", body, err)
	}
	return e.Error
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"no asker", Options{}},
		{"negative body limit", Options{Asker: newFakeAsker(), MaxBodyBytes: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.opts); err == nil {
				t.Errorf("New(%+v) = nil error, want one", tt.opts)
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	h := newTestServer(t, Options{Metrics: metrics.New(), MaxBodyBytes: 4096}).Handler()
	long := strings.Repeat("问", MaxQuestionRunes+1)
	justRight := strings.Repeat("问", MaxQuestionRunes-2) + "面积"
	tests := []struct {
		name        string
		method      string
		target      string
		body        string
		wantStatus  int
		wantType    string // Content-Type prefix
		wantInBody  string
		wantError   string // substring of the JSON error, when the status is an error
		wantHeaders map[string]string
	}{
		{name: "page", method: "GET", target: "/", wantStatus: 200, wantType: "text/html", wantInBody: `name="question"`},
		{name: "page HEAD", method: "HEAD", target: "/", wantStatus: 200, wantType: "text/html"},
		{name: "script file", method: "GET", target: "/static/app.js", wantStatus: 200, wantType: "text/javascript", wantInBody: "textContent"},
		{name: "style file", method: "GET", target: "/static/style.css", wantStatus: 200, wantType: "text/css"},
		{name: "favicon", method: "GET", target: "/favicon.ico", wantStatus: 200, wantType: "image/svg+xml"},
		{name: "no directory listing", method: "GET", target: "/static/", wantStatus: 404, wantError: "not found"},
		{name: "missing static", method: "GET", target: "/static/nope.js", wantStatus: 404, wantError: "not found"},
		{name: "unknown path", method: "GET", target: "/nope", wantStatus: 404, wantError: "not found: /nope"},
		{name: "unknown API", method: "GET", target: "/api/nope", wantStatus: 404, wantError: "no such API endpoint"},
		{name: "page wrong method", method: "POST", target: "/", wantStatus: 405, wantError: "not allowed",
			wantHeaders: map[string]string{"Allow": "GET, HEAD, OPTIONS"}},

		{name: "ask", method: "POST", target: "/api/ask", body: `{"question":"达茂旗面积多大？"}`,
			wantStatus: 200, wantType: "application/json", wantInBody: `"found":true`},
		{name: "ask refused", method: "POST", target: "/api/ask", body: `{"question":"天气如何"}`,
			wantStatus: 200, wantInBody: `"citations":[]`},
		{name: "ask 500 runes", method: "POST", target: "/api/ask", body: `{"question":"` + justRight + `"}`, wantStatus: 200},
		{name: "ask too long", method: "POST", target: "/api/ask", body: `{"question":"` + long + `"}`,
			wantStatus: 413, wantError: "question too long: 501 characters, at most 500"},
		{name: "ask body too large", method: "POST", target: "/api/ask", body: `{"question":"` + strings.Repeat("a", 5000) + `"}`,
			wantStatus: 413, wantError: "request body too large"},
		{name: "ask bad JSON", method: "POST", target: "/api/ask", body: `{"question":`, wantStatus: 400, wantError: "invalid JSON"},
		{name: "ask syntax error", method: "POST", target: "/api/ask", body: `{question}`, wantStatus: 400, wantError: "invalid JSON at byte"},
		{name: "ask empty body", method: "POST", target: "/api/ask", wantStatus: 400, wantError: "request body is empty"},
		{name: "ask not an object", method: "POST", target: "/api/ask", body: `["q"]`, wantStatus: 400, wantError: "must be a JSON object"},
		{name: "ask extra field ignored", method: "POST", target: "/api/ask", body: `{"question":"面积","lang":"zh"}`,
			wantStatus: 200},
		{name: "ask misspelt field", method: "POST", target: "/api/ask", body: `{"q":"面积"}`,
			wantStatus: 400, wantError: `unknown field "q"; expected "question" and "conversation"`},
		{name: "ask wrong type", method: "POST", target: "/api/ask", body: `{"question":42}`,
			wantStatus: 400, wantError: `field "question" must be a string`},
		{name: "ask trailing data", method: "POST", target: "/api/ask", body: `{"question":"面积"} {}`,
			wantStatus: 400, wantError: "one JSON object"},
		{name: "ask control characters", method: "POST", target: "/api/ask", body: `{"question":"面积\u0000"}`,
			wantStatus: 400, wantError: "control characters"},
		{name: "ask no words", method: "POST", target: "/api/ask", body: `{"question":"？？？"}`, wantStatus: 200},
		{name: "ask blank question", method: "POST", target: "/api/ask", body: `{"question":"  \n "}`,
			wantStatus: 400, wantError: `field "question" is empty`},
		{name: "ask long conversation", method: "POST", target: "/api/ask",
			body:       `{"question":"面积","conversation":"` + strings.Repeat("c", 65) + `"}`,
			wantStatus: 400, wantError: `field "conversation" too long: 65 bytes, at most 64`},
		{name: "ask wrong method", method: "GET", target: "/api/ask", wantStatus: 405, wantError: "method GET not allowed",
			wantHeaders: map[string]string{"Allow": "POST, OPTIONS"}},

		{name: "articles", method: "GET", target: "/api/articles", wantStatus: 200, wantInBody: `"headline":"武进与内蒙古达茂旗缔结友好城市"`,
			wantHeaders: map[string]string{"X-Total-Count": "2", "Cache-Control": "no-store"}},
		{name: "articles edition label", method: "GET", target: "/api/articles", wantStatus: 200, wantInBody: `"edition":"武进日报 2024-11-08 第2版"`},
		{name: "articles bad limit", method: "GET", target: "/api/articles?limit=-1", wantStatus: 400, wantError: "parameter limit"},
		{name: "articles bad offset", method: "GET", target: "/api/articles?offset=x", wantStatus: 400, wantError: "parameter offset"},
		{name: "articles wrong method", method: "DELETE", target: "/api/articles", wantStatus: 405, wantError: "not allowed"},
		{name: "article", method: "GET", target: "/api/articles/a1", wantStatus: 200, wantInBody: `"byline":"记者 朱梦琪"`},
		{name: "article with quote", method: "GET", target: "/api/articles/a1?quote=" + "%E6%80%BB%E4%BA%BA%E5%8F%A3", // 总人口
			wantStatus: 200, wantInBody: `{"text":"总人口","mark":true}`},
		{name: "article missing", method: "GET", target: "/api/articles/zzz", wantStatus: 404, wantError: `no article with id "zzz"`},
		{name: "article quote too long", method: "GET", target: "/api/articles/a1?quote=" + strings.Repeat("a", maxQuoteRunes+1),
			wantStatus: 400, wantError: "parameter quote too long"},

		{name: "health", method: "GET", target: "/healthz", wantStatus: 200, wantInBody: `"status":"ok"`},
		{name: "ready", method: "GET", target: "/readyz", wantStatus: 200, wantInBody: `"status":"ready"`},
		{name: "metrics", method: "GET", target: "/metrics", wantStatus: 200, wantInBody: "newsbot_index_articles"},
		{name: "metrics wrong method", method: "POST", target: "/metrics", wantStatus: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := do(t, h, tt.method, tt.target, tt.body)
			if got.status != tt.wantStatus {
				t.Fatalf("%s %s: status %d, want %d; body %s", tt.method, tt.target, got.status, tt.wantStatus, got.body)
			}
			if ct := got.header.Get("Content-Type"); tt.wantType != "" && !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("Content-Type %q, want %q…", ct, tt.wantType)
			}
			if tt.wantInBody != "" && !strings.Contains(got.body, tt.wantInBody) {
				t.Errorf("body %s\nwant it to contain %s", got.body, tt.wantInBody)
			}
			if tt.wantError != "" {
				if ct := got.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("error Content-Type %q, want application/json", ct)
				}
				if msg := jsonError(t, got.body); !strings.Contains(msg, tt.wantError) {
					t.Errorf("error %q, want it to contain %q", msg, tt.wantError)
				}
			}
			for k, v := range tt.wantHeaders {
				if g := got.header.Get(k); g != v {
					t.Errorf("header %s = %q, want %q", k, g, v)
				}
			}
			assertSecurityHeaders(t, got.header)
		})
	}
}

func assertSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy %q allows inline or eval'd script", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
		if g := h.Get(k); g != v {
			t.Errorf("header %s = %q, want %q", k, g, v)
		}
	}
}

func TestAskAnswerJSON(t *testing.T) {
	fake := newFakeAsker()
	h := newTestServer(t, Options{Asker: fake}).Handler()
	first := do(t, h, "POST", "/api/ask", `{"question":" 达茂旗面积多大？ "}`)
	var ans bot.Answer
	if err := json.Unmarshal([]byte(first.body), &ans); err != nil {
		t.Fatalf("answer %s: %v", first.body, err)
	}
	if ans.Question != "达茂旗面积多大？" || !ans.Found || ans.Conversation == "" || len(ans.Citations) != 1 {
		t.Fatalf("answer = %+v, want the trimmed question, found, a conversation and one citation", ans)
	}
	if c := ans.Citations[0]; c.N != 1 || c.ArticleID != "a1" || c.Byline != "记者 朱梦琪" || c.Edition != "武进日报 2024-11-08 第2版" {
		t.Errorf("citation = %+v", c)
	}
	followUp := do(t, h, "POST", "/api/ask", `{"question":"那人口呢？","conversation":"`+ans.Conversation+`"}`)
	if followUp.status != 200 {
		t.Fatalf("follow-up status %d: %s", followUp.status, followUp.body)
	}
	calls := fake.Calls()
	if len(calls) != 2 || calls[1].conversation != ans.Conversation || calls[1].question != "那人口呢？" {
		t.Errorf("asker calls = %+v, want the follow-up in conversation %q", calls, ans.Conversation)
	}
}

func TestArticlesPaging(t *testing.T) {
	h := newTestServer(t, Options{}).Handler()
	tests := []struct {
		query   string
		wantIDs []string
	}{
		{"", []string{"a1", "xss"}},
		{"?limit=1", []string{"a1"}},
		{"?offset=1", []string{"xss"}},
		{"?offset=1&limit=5", []string{"xss"}},
		{"?offset=9", []string{}},
		{"?limit=0", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := do(t, h, "GET", "/api/articles"+tt.query, "")
			var list []ArticleJSON
			if err := json.Unmarshal([]byte(got.body), &list); err != nil {
				t.Fatalf("body %s: %v", got.body, err)
			}
			ids := []string{}
			for _, a := range list {
				ids = append(ids, a.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantIDs, ",") {
				t.Errorf("ids = %v, want %v", ids, tt.wantIDs)
			}
			if strings.TrimSpace(got.body) == "null" {
				t.Errorf("body is null, want an array")
			}
		})
	}
}

// TestArticleTextEscaped checks that markup in article text reaches API clients as inert, escaped
// JSON text, exactly as stored.
func TestArticleTextEscaped(t *testing.T) {
	h := newTestServer(t, Options{}).Handler()
	for _, target := range []string{"/api/articles/xss", "/api/articles", "/api/articles/xss?quote=" + "%E6%AD%A3%E6%96%87"} {
		t.Run(target, func(t *testing.T) {
			got := do(t, h, "GET", target, "")
			if strings.ContainsAny(got.body, "<>") {
				t.Errorf("body holds raw < or >: %s", got.body)
			}
			if !strings.Contains(got.body, `\u003cscript\u003e`) {
				t.Errorf("body %s lacks the escaped <script>", got.body)
			}
			if !strings.HasPrefix(got.header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q, want JSON", got.header.Get("Content-Type"))
			}
		})
	}
	var a ArticleDetail
	got := do(t, h, "GET", "/api/articles/xss", "")
	if err := json.Unmarshal([]byte(got.body), &a); err != nil {
		t.Fatal(err)
	}
	if a.Text != xssText || a.Title != xssTitle {
		t.Errorf("article text/title changed in transit: %q / %q", a.Text, a.Title)
	}
}

func TestAskFailures(t *testing.T) {
	tests := []struct {
		name       string
		ask        func(ctx context.Context, conv, q string) (bot.Answer, error)
		wantStatus int
		wantError  string
	}{
		{"engine error", func(context.Context, string, string) (bot.Answer, error) {
			return bot.Answer{}, errors.New("index file /secret/path corrupt")
		}, 500, "internal error answering the question"},
		{"panic", func(context.Context, string, string) (bot.Answer, error) {
			panic("boom in engine")
		}, 500, "internal error"},
		{"timeout", func(ctx context.Context, _, _ string) (bot.Answer, error) {
			<-ctx.Done()
			return bot.Answer{}, ctx.Err()
		}, 504, "took too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			fake := newFakeAsker()
			fake.ask = tt.ask
			// Only the case that waits for its deadline gets a short one: with 20 ms for all, an
			// engine error returned after a pause of the loaded machine (-race) was a 504.
			timeout := time.Minute
			if tt.wantStatus == http.StatusGatewayTimeout {
				timeout = 20 * time.Millisecond
			}
			h := newTestServer(t, Options{Asker: fake, AskTimeout: timeout,
				Logger: slog.New(slog.NewJSONHandler(&logs, nil))}).Handler()
			got := do(t, h, "POST", "/api/ask", `{"question":"面积"}`)
			if got.status != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", got.status, tt.wantStatus, got.body)
			}
			if msg := jsonError(t, got.body); !strings.Contains(msg, tt.wantError) {
				t.Errorf("error %q, want %q", msg, tt.wantError)
			}
			for _, leak := range []string{"goroutine", "/secret/path", "boom", ".go:"} {
				if strings.Contains(got.body, leak) {
					t.Errorf("response leaks %q: %s", leak, got.body)
				}
			}
			if logs.Len() == 0 {
				t.Errorf("nothing logged for a failed question")
			}
			// The server keeps serving after a failure.
			if h := do(t, h, "GET", "/healthz", ""); h.status != 200 {
				t.Errorf("healthz after failure: %d", h.status)
			}
		})
	}
}

func TestReady(t *testing.T) {
	ready := make(chan struct{})
	isReady := func() bool {
		select {
		case <-ready:
			return true
		default:
			return false
		}
	}
	h := newTestServer(t, Options{Ready: isReady}).Handler()
	if got := do(t, h, "GET", "/readyz", ""); got.status != 503 {
		t.Errorf("before loading: status %d, want 503", got.status)
	}
	if got := do(t, h, "GET", "/healthz", ""); got.status != 200 {
		t.Errorf("healthz while loading: status %d, want 200", got.status)
	}
	close(ready)
	if got := do(t, h, "GET", "/readyz", ""); got.status != 200 {
		t.Errorf("after loading: status %d, want 200", got.status)
	}
}

func TestMetrics(t *testing.T) {
	t.Run("counts questions by channel", func(t *testing.T) {
		h := newTestServer(t, Options{Metrics: metrics.New()}).Handler()
		do(t, h, "POST", "/api/ask", `{"question":"面积"}`, ClientHeader, "web")
		do(t, h, "POST", "/api/ask", `{"question":"天气"}`)
		got := do(t, h, "GET", "/metrics", "")
		for _, want := range []string{
			`newsbot_questions_total{channel="web",found="true"} 1`,
			`newsbot_questions_total{channel="api",found="false"} 1`,
		} {
			if !strings.Contains(got.body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})
	t.Run("nil metrics", func(t *testing.T) {
		h := newTestServer(t, Options{}).Handler()
		if got := do(t, h, "GET", "/metrics", ""); got.status != 404 {
			t.Errorf("status %d, want 404", got.status)
		}
	})
}

func TestQuestionLog(t *testing.T) {
	tests := []struct {
		name         string
		logQuestions bool
	}{
		{"question text hidden", false},
		{"question text logged", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := newTestServer(t, Options{LogQuestions: tt.logQuestions,
				Logger: slog.New(slog.NewJSONHandler(&logs, nil))}).Handler()
			do(t, h, "POST", "/api/ask", `{"question":"达茂旗面积"}`, ClientHeader, "web")
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			if len(lines) != 1 {
				t.Fatalf("got %d log lines, want 1: %s", len(lines), logs.String())
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
				t.Fatal(err)
			}
			if rec["msg"] != "question" || rec["channel"] != "web" || rec["found"] != true || rec["latency"] == nil {
				t.Errorf("log line %v lacks msg/channel/found/latency", rec)
			}
			if _, has := rec["question"]; has != tt.logQuestions {
				t.Errorf("log line has question = %v, want %v: %v", has, tt.logQuestions, rec)
			}
			if strings.Contains(logs.String(), "达茂旗面积") != tt.logQuestions {
				t.Errorf("question text in log = %v, want %v", !tt.logQuestions, tt.logQuestions)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	clock := time.Date(2024, 11, 8, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{RateLimit: RateLimit{PerMinute: 6, Burst: 2}})
	s.limiter.now = func() time.Time { return clock }
	h := s.Handler()
	ask := func(remote string) response {
		req := httptest.NewRequest("POST", "/api/ask", strings.NewReader(`{"question":"面积"}`))
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	}
	steps := []struct {
		name       string
		advance    time.Duration
		remote     string
		wantStatus int
		wantRetry  string
	}{
		{"first", 0, "10.0.0.1:1000", 200, ""},
		{"second (burst)", 0, "10.0.0.1:1001", 200, ""},
		{"third refused", 0, "10.0.0.1:1002", 429, "10"},
		{"other client unaffected", 0, "10.0.0.2:1000", 200, ""},
		{"still refused after 4s", 4 * time.Second, "10.0.0.1:1003", 429, "6"},
		{"refilled after 10s", 6 * time.Second, "10.0.0.1:1004", 200, ""},
		{"same IPv6 /64 shares a bucket", 0, "[2001:db8::1]:1", 200, ""},
		{"same IPv6 /64 second", 0, "[2001:db8::2]:1", 200, ""},
		{"same IPv6 /64 refused", 0, "[2001:db8::3]:1", 429, "10"},
	}
	for _, st := range steps {
		clock = clock.Add(st.advance)
		got := ask(st.remote)
		if got.status != st.wantStatus {
			t.Fatalf("%s: status %d, want %d (%s)", st.name, got.status, st.wantStatus, got.body)
		}
		if g := got.header.Get("Retry-After"); g != st.wantRetry {
			t.Errorf("%s: Retry-After %q, want %q", st.name, g, st.wantRetry)
		}
		if st.wantStatus == 429 && !strings.Contains(jsonError(t, got.body), "too many requests") {
			t.Errorf("%s: error body %s", st.name, got.body)
		}
	}
	// Health checks and the page are not rate limited.
	for range 5 {
		if got := do(t, h, "GET", "/healthz", ""); got.status != 200 {
			t.Fatalf("healthz status %d under rate limit", got.status)
		}
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct {
		remote, xff string
		trust       bool
		want        string
	}{
		{"192.0.2.1:1234", "", false, "192.0.2.1"},
		{"192.0.2.1:1234", "198.51.100.7", false, "192.0.2.1"},
		{"192.0.2.1:1234", "203.0.113.9, 198.51.100.7", true, "198.51.100.7"},
		{"[2001:db8:1:2:3::4]:80", "", false, "2001:db8:1:2::"},
		{"pipe", "", false, "pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.remote+"/"+tt.xff, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tt.remote
			if tt.xff != "" {
				req.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := clientKey(req, tt.trust); got != tt.want {
				t.Errorf("clientKey = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	clock := time.Unix(0, 0)
	l := newLimiter(1, 2, func() time.Time { return clock })
	for i := range 3 * minSweepSize {
		l.allow(strings.Repeat("x", i%7) + string(rune('a'+i%26)) + time.Duration(i).String())
		clock = clock.Add(time.Second)
	}
	if n := len(l.buckets); n > 2*minSweepSize {
		t.Errorf("limiter holds %d buckets after idle clients, want at most %d", n, 2*minSweepSize)
	}
}

func TestAllowedHosts(t *testing.T) {
	h := newTestServer(t, Options{AllowedHosts: LoopbackHosts}).Handler()
	tests := []struct {
		host, path string
		want       int
	}{
		{"127.0.0.1:8080", "/", 200},
		{"localhost:8080", "/api/articles", 200},
		{"LOCALHOST", "/", 200},
		{"localhost.:8080", "/", 200}, // the fully qualified spelling
		{"[::1]:8080", "/", 200},
		{"evil.example:8080", "/", 403},
		{"evil.example", "/api/articles", 403},
		{"10.0.0.5:8080", "/healthz", 200},
		{"10.0.0.5:8080", "/readyz", 200},
	}
	for _, tt := range tests {
		t.Run(tt.host+tt.path, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			req.Host = tt.host
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("Host %s %s: status %d, want %d (%s)", tt.host, tt.path, rec.Code, tt.want, rec.Body)
			}
			if tt.want == 403 && !strings.Contains(jsonError(t, rec.Body.String()), "not allowed") {
				t.Errorf("error body %s", rec.Body)
			}
		})
	}
}

func TestAccessLog(t *testing.T) {
	var logs bytes.Buffer
	h := newTestServer(t, Options{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}).Handler()
	do(t, h, "GET", "/api/articles/zzz", "")
	var rec map[string]any
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil {
		t.Fatalf("log %q: %v", logs.String(), err)
	}
	if rec["msg"] != "request" || rec["path"] != "/api/articles/zzz" || rec["status"] != float64(404) {
		t.Errorf("access log line %v, want request /api/articles/zzz 404", rec)
	}
}

// FuzzAsk posts arbitrary bodies: the server answers each with JSON and a 200, 400 or 413, never
// a panic or a 500.
func FuzzAsk(f *testing.F) {
	for _, seed := range []string{`{"question":"面积"}`, `{"question":"人口","conversation":"conv-1"}`, `{`, `[]`, `null`,
		`{"question":"\u0000"}`, `{"question":"a"} x`, `{"question":1}`, `{"x":1}`, ""} {
		f.Add(seed)
	}
	h := newTestServer(f, Options{MaxBodyBytes: 1024}).Handler()
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/ask", strings.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("body %q: status %d: %s", body, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("body %q: response is not JSON: %s", body, rec.Body)
		}
	})
}

// TestClientChosenConversationIDs: a client that names its conversations itself (non-ASCII,
// spaces, long) keeps follow-ups by sending the same value again, and gets it back as it sent it.
func TestClientChosenConversationIDs(t *testing.T) {
	for _, id := range []string{"用户-张三", "chat with bob", strings.Repeat("x", 64), strings.Repeat("用", 21), "9f1c2e7a-5b3d-4c1e-8a2b-0d6f4e3c2b1a"} {
		t.Run(id[:min(len(id), 20)], func(t *testing.T) {
			fake := newFakeAsker()
			h := newTestServer(t, Options{Asker: fake}).Handler()
			body, _ := json.Marshal(AskRequest{Question: "达茂旗面积多大？", Conversation: id})
			first := do(t, h, "POST", "/api/ask", string(body))
			body, _ = json.Marshal(AskRequest{Question: "那人口呢？", Conversation: id})
			second := do(t, h, "POST", "/api/ask", string(body))
			for _, got := range []response{first, second} {
				var ans bot.Answer
				if err := json.Unmarshal([]byte(got.body), &ans); err != nil || got.status != 200 {
					t.Fatalf("status %d: %s", got.status, got.body)
				}
				if ans.Conversation != id {
					t.Errorf("conversation = %q, want the client's %q back", ans.Conversation, id)
				}
			}
			calls := fake.Calls()
			if len(calls) != 2 || calls[0].conversation != calls[1].conversation || !validEngineID(calls[0].conversation) {
				t.Errorf("engine conversations %q and %q: want one printable ASCII ID for both", calls[0].conversation, calls[1].conversation)
			}
		})
	}
}

func validEngineID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}
