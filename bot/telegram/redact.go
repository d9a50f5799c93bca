package telegram

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"newsbot/internal/redact"
)

// botPath matches a Bot API URL path segment holding a token ("/bot123456:AAE…"), whatever the
// token, so that even a token this process does not know (or one split by escaping) is hidden.
var botPath = regexp.MustCompile(`bot[0-9]{3,}(:|%3A|%3a)[A-Za-z0-9_\-]+`)

const redacted = redact.Mask

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
