package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
)

// contentSecurityPolicy allows only the server's own files: no inline script or style, no
// external fonts, scripts or CDNs, and no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler's panic into a logged stack and a 500 JSON error: the client never
// sees a stack trace, and the server keeps serving.
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
				panic(v)
			}
			s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path,
				"panic", v, "stack", string(debug.Stack()))
			writeError(w, http.StatusInternalServerError, "internal error")
		}()
		h.ServeHTTP(w, r)
	})
}

// allow serves h for the given methods, answers OPTIONS with 204 and the Allow header, and
// others with a JSON 405 and the Allow header.
func allow(h http.HandlerFunc, methods ...string) http.Handler {
	allowed := strings.Join(append(slices.Clone(methods), http.MethodOptions), ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", allowed)
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed; use "+allowed)
	})
}

type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// writeJSON encodes v before writing anything, so that an encoding failure still yields a clean
// 500 rather than a half-written body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":"internal error encoding the response"}`)
	}
	body = gzipBody(w, append(body, '\n'))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// clientKey names the client a request comes from, for rate limiting: its IP address (an IPv6
// client by its /64, which one host usually owns whole).
func clientKey(r *http.Request, trustForwardedFor bool) string {
	addr := r.RemoteAddr
	if trustForwardedFor {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			parts := strings.Split(xff[len(xff)-1], ",")
			if last := strings.TrimSpace(parts[len(parts)-1]); last != "" {
				addr = last
			}
		}
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String()
	}
	return ip.String()
}

func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}

// statusForDecodeError maps a JSON decoding error of a request body to a status and a message a
// client can act on.
func statusForDecodeError(err error) (int, string) {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge, "request body too large: at most " + strconv.FormatInt(maxErr.Limit, 10) + " bytes"
	case errors.As(err, &syntaxErr):
		return http.StatusBadRequest, "invalid JSON at byte " + strconv.FormatInt(syntaxErr.Offset, 10) + ": " + syntaxErr.Error()
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return http.StatusBadRequest, "request body must be a JSON object, not " + typeErr.Value
		}
		return http.StatusBadRequest, "field \"" + field + "\" must be a " + typeErr.Type.String() + ", not " + typeErr.Value
	case errors.Is(err, errUnsupportedCharset):
		return http.StatusUnsupportedMediaType, err.Error()
	case errors.Is(err, errBadForm), errors.Is(err, errInvalidText):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, errEmptyBody):
		return http.StatusBadRequest, `request body is empty: send {"question": "…"}`
	case errors.Is(err, errTrailingData):
		return http.StatusBadRequest, "request body must hold one JSON object and nothing after it"
	default:
		return http.StatusBadRequest, "invalid JSON: " + err.Error()
	}
}

var (
	errEmptyBody    = errors.New("empty body")
	errTrailingData = errors.New("trailing data after JSON object")
)

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// accessLog logs every request at debug level (questions have their own info line).
func (s *Server) accessLog(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.log.Enabled(r.Context(), slog.LevelDebug) {
			h.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration", time.Since(start))
	})
}

// checkHost refuses requests whose Host header is not one of allowed (when allowed is not empty):
// a page on another site that rebinds its DNS name to 127.0.0.1 then cannot read the API. Health
// probes are exempt, as they often address the server by IP.
func checkHost(allowed []string, h http.Handler) http.Handler {
	if len(allowed) == 0 {
		return h
	}
	set := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		set[normaliseHost(a)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hst, _, err := net.SplitHostPort(host); err == nil {
			host = hst
		}
		if set[normaliseHost(host)] || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			h.ServeHTTP(w, r)
			return
		}
		writeError(w, http.StatusForbidden, "host "+strconv.Quote(r.Host)+" not allowed; open the chat by its address, e.g. http://127.0.0.1:8080/")
	})
}

// normaliseHost lower-cases a host name and drops IPv6 brackets and the trailing dot of a fully
// qualified name ("localhost." is localhost).
func normaliseHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}

// LoopbackHosts are the Host names of a server listening on loopback, for Options.AllowedHosts.
var LoopbackHosts = []string{"127.0.0.1", "localhost", "::1"}
