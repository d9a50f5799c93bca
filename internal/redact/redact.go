package redact

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Mask replaces a secret.
const Mask = "<redacted>"

// minLen is the shortest secret masked: a shorter one would mask ordinary words and numbers
// everywhere, and is no secret worth the name.
const minLen = 4

// Masker masks secrets in a text.
type Masker interface {
	String(s string) string
}

// Redactor masks a set of secrets, in their plain, URL-path and query spellings. It is safe for
// concurrent use; Add extends the set (a secret given on the command line is known only once
// the flags are parsed, after the log handler and the error wrapper were set up with it).
type Redactor struct {
	mu    sync.RWMutex
	forms []string
	r     *strings.Replacer
}

// New returns a Redactor for secrets; empty and very short ones are ignored.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	r.Add(secrets...)
	return r
}

// Add masks secrets too from now on; empty and very short ones are ignored.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if len(s) < minLen {
			continue
		}
		for _, f := range []string{s, url.PathEscape(s), url.QueryEscape(s)} {
			if !slices.Contains(r.forms, f) {
				r.forms = append(r.forms, f)
			}
		}
	}
	// Longest first, so a secret that holds another is masked whole.
	slices.SortFunc(r.forms, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, f := range r.forms {
		pairs = append(pairs, f, Mask)
	}
	r.r = strings.NewReplacer(pairs...)
}

// String masks every secret in s.
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	r.mu.RLock()
	rep := r.r
	r.mu.RUnlock()
	if rep == nil {
		return s
	}
	return rep.Replace(s)
}

// Error returns err with every secret masked from its text; errors.Is and errors.As still see
// the original chain (so an exit status chosen by error type is kept).
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if masked := r.String(msg); masked != msg {
		return &maskedError{msg: masked, err: err}
	}
	return err
}

type maskedError struct {
	msg string
	err error
}

func (e *maskedError) Error() string { return e.msg }

// Unwrap gives the chain to errors.Is and errors.As. Whoever prints an unwrapped error prints
// an unmasked one: print the error Error returned.
func (e *maskedError) Unwrap() error { return e.err }

// Handler returns a slog.Handler that masks secrets in the message and every attribute value
// (strings, errors, anything printed with fmt, inside groups too) before inner sees the record.
func Handler(inner slog.Handler, m Masker) slog.Handler { return handler{inner: inner, m: m} }

type handler struct {
	inner slog.Handler
	m     Masker
}

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.inner.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.m.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.inner.Handle(ctx, out)
}

func (h handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.m.String(v.String()))
	case slog.KindGroup:
		as := v.Group()
		out := make([]any, len(as))
		for i, g := range as {
			out[i] = h.attr(g)
		}
		return slog.Group(a.Key, out...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.m.String(err.Error()))
		}
		return slog.String(a.Key, h.m.String(fmt.Sprint(v.Any())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.attr(a)
	}
	return handler{inner: h.inner.WithAttrs(out), m: h.m}
}

func (h handler) WithGroup(name string) slog.Handler {
	return handler{inner: h.inner.WithGroup(name), m: h.m}
}

// Writer returns a writer that masks secrets in each write before w sees it: for output written
// whole (a log record, a printed line) that bypasses the Handler and Error.
func Writer(w io.Writer, m Masker) io.Writer { return maskWriter{w: w, m: m} }

type maskWriter struct {
	w io.Writer
	m Masker
}

func (mw maskWriter) Write(p []byte) (int, error) {
	masked := mw.m.String(string(p))
	if masked == string(p) {
		return mw.w.Write(p)
	}
	if _, err := io.WriteString(mw.w, masked); err != nil {
		return 0, err
	}
	return len(p), nil
}
