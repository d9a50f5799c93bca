package web

import (
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"newsbot/bot"
	"newsbot/bot/metrics"
)

// Asker is what the server needs of the engine (*bot.Engine satisfies it). It must be safe for
// concurrent use; the engine swaps its index internally, so one Asker serves across re-ingests.
type Asker = bot.Asker

// Limits of a question and of its conversation ID (64 bytes, as the README states: a UUID
// fits, and so does a name of 21 Chinese characters).
const (
	MaxQuestionRunes     = bot.MaxQuestionRunes
	MaxConversationBytes = 64
)

// Defaults applied by New to zero Options fields.
const (
	DefaultMaxBodyBytes  = 16 << 10
	DefaultRatePerMinute = 60
	DefaultRateBurst     = 20
	DefaultAskTimeout    = 30 * time.Second
)

// RateLimit is a per-client token bucket over the /api/ endpoints: PerMinute tokens refill each
// minute up to Burst. The zero value means the defaults (60 a minute, burst 20); a negative
// PerMinute turns rate limiting off (load tests, trusted networks).
type RateLimit struct {
	PerMinute float64
	Burst     int
}

// Options configure a Server. Only Asker is required.
type Options struct {
	Asker   Asker
	Metrics *metrics.Metrics // nil: no metrics; GET /metrics answers 404
	Logger  *slog.Logger     // nil: discard logs
	// LogQuestions adds the question text and conversation ID to the per-question log line.
	// Off by default: questions can be personal.
	LogQuestions bool
	// Ready reports whether the index is loaded, for GET /readyz; nil means always ready.
	Ready func() bool
	// RateLimit limits each client's /api/ requests; see RateLimit for the zero value.
	RateLimit RateLimit
	// TrustForwardedFor takes the client address for rate limiting from the last
	// X-Forwarded-For entry: set it only behind a reverse proxy that sets that header.
	TrustForwardedFor bool
	// AllowedHosts, when set, are the only Host header names (no port) the server answers,
	// against DNS rebinding; LoopbackHosts suits a server on 127.0.0.1. Empty: any host.
	AllowedHosts []string
	// AllowedOrigins are the origins (https://news.example.com) whose pages may call the API from
	// a browser (CORS); "*" allows any. Empty: only the server's own page.
	AllowedOrigins []string
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// AskTimeout bounds one answer; 0 means DefaultAskTimeout.
	AskTimeout time.Duration
}

// Server is the web chat and HTTP API. Create it with New; it is safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	limiter *limiter // nil when rate limiting is off
	origins corsPolicy
	// formGuard refuses cross-origin form posts from origins the CORS rules do not allow.
	formGuard *http.CrossOriginProtection
	static    fs.FS
	handler   http.Handler
}

//go:embed static
var staticFiles embed.FS

// New checks opts, fills in defaults and builds the server's routes.
func New(opts Options) (*Server, error) {
	if opts.Asker == nil {
		return nil, errors.New("web: Options.Asker is nil")
	}
	if opts.MaxBodyBytes < 0 {
		return nil, errors.New("web: Options.MaxBodyBytes is negative")
	}
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.AskTimeout <= 0 {
		opts.AskTimeout = DefaultAskTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Ready == nil {
		opts.Ready = func() bool { return true }
	}
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	origins, err := newCORSPolicy(opts.AllowedOrigins)
	if err != nil {
		return nil, err
	}
	guard, err := origins.formGuard()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, log: opts.Logger, static: static, origins: origins, formGuard: guard}
	if rl := opts.RateLimit; rl.PerMinute >= 0 {
		if rl.PerMinute == 0 {
			rl.PerMinute = DefaultRatePerMinute
		}
		if rl.Burst <= 0 {
			rl.Burst = DefaultRateBurst
		}
		s.limiter = newLimiter(rl.PerMinute/60, float64(rl.Burst), time.Now)
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's HTTP handler with its middleware (access log, recover, security
// headers, host check).
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	// Patterns carry no method so that a wrong method gets a JSON 405 from allow, not the mux's
	// plain-text one.
	mux.Handle("/api/ask", s.api(allow(s.handleAsk, http.MethodPost)))
	mux.Handle("/api/articles", s.api(allow(s.handleArticles, http.MethodGet, http.MethodHead)))
	mux.Handle("/api/articles/{id}", s.api(allow(s.handleArticle, http.MethodGet, http.MethodHead)))
	mux.Handle("/api/editions", s.api(allow(s.handleEditions, http.MethodGet, http.MethodHead)))
	mux.Handle("/api/", s.api(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API endpoint: "+r.URL.Path)
	})))
	mux.Handle("/healthz", allow(s.handleHealth, http.MethodGet, http.MethodHead))
	mux.Handle("/readyz", allow(s.handleReady, http.MethodGet, http.MethodHead))
	mux.Handle("/metrics", allow(s.opts.Metrics.Handler().ServeHTTP, http.MethodGet, http.MethodHead))
	mux.Handle("/static/", allow(s.handleStatic, http.MethodGet, http.MethodHead))
	mux.Handle("/favicon.ico", allow(s.handleFavicon, http.MethodGet, http.MethodHead))
	mux.Handle("/{$}", allow(s.handleIndex, http.MethodGet, http.MethodHead))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not found: "+r.URL.Path)
	}))
	return s.accessLog(s.recoverPanics(securityHeaders(checkHost(s.opts.AllowedHosts, negotiateGzip(mux)))))
}

// api wraps the /api/ endpoints: CORS, no caching and the per-client rate limit.
func (s *Server) api(h http.Handler) http.Handler {
	return s.cors(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if s.limiter != nil {
			if ok, wait := s.limiter.allow(clientKey(r, s.opts.TrustForwardedFor)); !ok {
				w.Header().Set("Retry-After", retryAfterSeconds(wait))
				writeError(w, http.StatusTooManyRequests, "too many requests: retry after "+retryAfterSeconds(wait)+" s")
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
}
