// Package redact masks secrets (API keys, bot tokens, passwords) in text on its way out of the
// process: a slog.Handler that masks every log record, and an error wrapper that masks what an
// error prints while keeping errors.Is and errors.As working on the chain. cmd/newsbot puts
// every configured secret in one Redactor and passes its logs and printed errors through it, so
// a secret echoed back by a server (a 401 body holding the Authorization header) never reaches
// a log line or the terminal, whatever code the error came from.
package redact
