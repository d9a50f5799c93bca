package web

import (
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// corsPolicy decides which other origins' pages may call the API from a browser. The zero value
// allows none: a page elsewhere cannot read answers or spend the user's rate limit, and its
// preflights are refused.
type corsPolicy struct {
	any     bool
	origins []string // normalised scheme://host[:port]
}

func newCORSPolicy(origins []string) (corsPolicy, error) {
	var p corsPolicy
	for _, o := range origins {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			p.any = true
			continue
		}
		norm, ok := normaliseOrigin(o)
		if !ok {
			return p, &originError{o}
		}
		p.origins = append(p.origins, norm)
	}
	return p, nil
}

type originError struct{ origin string }

func (e *originError) Error() string {
	return "web: Options.AllowedOrigins: " + e.origin + " is not an origin like https://news.example.com or http://localhost:3000"
}

// normaliseOrigin lower-cases an origin's scheme and host and drops a default port; ok is false
// when s is not scheme://host[:port] with nothing after it.
func normaliseOrigin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	return strings.ToLower(u.Scheme) + "://" + host, true
}

func (p corsPolicy) allows(origin string) bool {
	if p.any {
		return origin != ""
	}
	norm, ok := normaliseOrigin(origin)
	return ok && slices.Contains(p.origins, norm)
}

// Methods and headers a cross-origin page may use on the API.
const (
	corsMethods = "GET, HEAD, POST, OPTIONS"
	corsHeaders = "Content-Type, " + ClientHeader
	corsMaxAge  = "600"
)

// cors answers CORS preflights of the API and marks responses to allowed origins readable. A
// preflight from an origin not allowed gets a 403 without CORS headers, so the browser stops
// there. Requests without an Origin (curl, scripts, same-origin GETs) pass unchanged.
func (s *Server) cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		preflight := r.Method == http.MethodOptions && origin != "" && r.Header.Get("Access-Control-Request-Method") != ""
		allowed := origin != "" && s.origins.allows(origin)
		if origin != "" {
			w.Header().Add("Vary", "Origin")
		}
		if allowed {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Expose-Headers", "Retry-After, X-Total-Count")
		}
		if !preflight {
			h.ServeHTTP(w, r)
			return
		}
		if !allowed {
			writeError(w, http.StatusForbidden, "cross-origin requests from "+origin+" are not allowed")
			return
		}
		w.Header().Set("Access-Control-Allow-Methods", corsMethods)
		w.Header().Set("Access-Control-Allow-Headers", corsHeaders)
		w.Header().Set("Access-Control-Max-Age", corsMaxAge)
		w.WriteHeader(http.StatusNoContent)
	})
}

// formGuard returns the check of ask requests a browser sends without a preflight (an HTML
// form, multipart or text/plain body): what any page on the web can make a visitor's browser
// submit (CSRF). Such a request from another origin is refused unless the CORS rules allow that
// origin, as the JSON path's preflight would; same-origin requests (the page's own form, with
// JavaScript off) and requests without browser headers (curl, scripts) pass. nil: any origin is
// allowed.
func (p corsPolicy) formGuard() (*http.CrossOriginProtection, error) {
	if p.any {
		return nil, nil
	}
	c := http.NewCrossOriginProtection()
	for _, o := range p.origins {
		if err := c.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// simpleBody reports a Content-Type a cross-origin page may send without a preflight.
func simpleBody(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		return true
	}
	return mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data" || mt == "text/plain"
}
