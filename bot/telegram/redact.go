package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// botPath matches a Bot API URL path segment holding a token ("/bot123456:AAE…"), whatever the
// token, so that even a token this process does not know (or one split by escaping) is hidden.
var botPath = regexp.MustCompile(`bot[0-9]{3,}(:|%3A|%3a)[A-Za-z0-9_\-]+`)

const redacted = "<redacted>"

// redactor removes one bot token, in every spelling an URL or error message may carry it.
type redactor struct{ forms []string }

func newRedactor(token string) *redactor {
	r := &redactor{}
	for _, f := range []string{token, url.PathEscape(token), url.QueryEscape(token)} {
		if f != "" && !slices.Contains(r.forms, f) {
			r.forms = append(r.forms, f)
		}
	}
	return r
}

func (r *redactor) String(s string) string {
	for _, f := range r.forms {
		s = strings.ReplaceAll(s, f, redacted)
	}
	return botPath.ReplaceAllString(s, "bot"+redacted)
}

// redactedError is an error whose text had the token removed. It deliberately does not wrap
// the library's error (an *url.Error in the chain would give the URL back), but keeps context
// cancellation recognisable with errors.Is.
type redactedError struct {
	msg   string
	cause error // context.Canceled, context.DeadlineExceeded or nil
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// Error wraps err's redacted text with what failed.
func (r *redactor) Error(what string, err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.String(what + ": " + err.Error()), cause: contextCause(err)}
}

// redactHandler is a slog.Handler that removes the token from messages and attribute values
// before they reach the inner handler: a last line of defence behind redacted errors.
type redactHandler struct {
	inner slog.Handler
	r     *redactor
}

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

func (h redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.inner.Handle(ctx, out)
}

func (h redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.String(v.String()))
	case slog.KindGroup:
		as := v.Group()
		out := make([]any, len(as))
		for i, g := range as {
			out[i] = h.attr(g)
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.String(err.Error()))
		}
		return slog.String(a.Key, h.r.String(fmt.Sprint(v.Any())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.attr(a)
	}
	return redactHandler{inner: h.inner.WithAttrs(out), r: h.r}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{inner: h.inner.WithGroup(name), r: h.r}
}
