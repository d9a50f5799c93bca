// Command newsbot answers questions about a Chinese newspaper edition and cites the article each
// answer comes from. See README.md for the commands and their configuration.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"newsbot/internal/redact"
	"newsbot/store/postgres"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintln(os.Stderr, "newsbot:", err)
	}
	os.Exit(exitCode(err))
}

// errReported marks an error whose details were already written to stderr; it only sets the exit
// status.
var errReported = errors.New("reported")

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitCode maps an error to the exit status of DESIGN.md: 0 done, 2 bad usage or bad input,
// 1 internal failure, 130 interrupted.
func exitCode(err error) int {
	var ue usageError
	var ie interruptedError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ie):
		return 130
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}

const usageText = `newsbot answers questions about a Chinese newspaper edition, citing its sources.

Usage:
  newsbot [--data DIR] <command> [flags]

Commands:
  serve (default)   web chat and HTTP API on --addr (default 127.0.0.1:8080); Telegram too when
                    TELEGRAM_BOT_TOKEN is set; --feed URL (repeatable), --every 30m and
                    --watch DIR bring new editions in while serving (telegram takes them too)
  ask [--json] [QUESTION]
                    answer one question; with no QUESTION, one question a line from stdin
  chat              interactive terminal chat with follow-up questions (Ctrl-D ends it)
  telegram          the Telegram bot alone (long polling, or --webhook-url)
  ingest [--paper NAME] [--date YYYY-MM-DD] [--reindex] [--no-wait] PATH|URL...
                    add editions (files, folders, or http(s) URLs of feeds and article pages)
                    to the library; waits while another process writes it (--no-wait: exit 2
                    at once)
  articles [--json] list the library's articles (the built-in edition when it is empty)
  eval FILE.jsonl   retrieval and answer metrics for an eval set
  check             verify the library (editions parse, the index matches them); exit 2 naming
                    each problem
  migrate           copy the data folder's library into the database (--database-url); idempotent

Global flags (also accepted after the command):
  --data DIR          library folder (env NEWSBOT_DATA; default a per-user data folder)
  --dict FILE         extra words for the Chinese segmenter, one a line (env NEWSBOT_DICT)
  --log-format F      text or json (default text)
  --log-questions     include question text in logs
  --database-url URL  PostgreSQL holding the library and shared state, so that several serve
                      processes run as replicas of one bot (env NEWSBOT_DATABASE_URL)
  --vectors WHERE     memory (default) or pgvector: the chunk vectors in the database, with
                      pgvector (env NEWSBOT_VECTORS; NEWSBOT_VECTORS_URL: another database)

Run 'newsbot <command> --help' for a command's flags. Configuration by environment: see README.md.
`

// run is the testable main: it reads nothing global (flags from args, environment through getenv).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	// Every configured secret is masked in whatever leaves the process: log records, printed
	// errors, anything written to stderr (a --database-url's password is added as it is parsed).
	red := secrets(getenv)
	g := newGlobals(getenv, red)
	gfs := g.flagSet("newsbot", stderr)
	gfs.Usage = func() { fmt.Fprint(stderr, usageText) }
	if err := gfs.Parse(args); err != nil {
		return flagErr(err)
	}
	rest := gfs.Args()
	cmd := "serve"
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	a := &app{g: g, getenv: getenv, stdin: stdin, stdout: stdout, stderr: redact.Writer(stderr, red),
		stderrTTY: isTerminal(stderr), red: red}
	commands := map[string]func(context.Context, []string) error{
		"serve":    a.cmdServe,
		"ask":      a.cmdAsk,
		"chat":     a.cmdChat,
		"telegram": a.cmdTelegram,
		"ingest":   a.cmdIngest,
		"articles": a.cmdArticles,
		"eval":     a.cmdEval,
		"check":    a.cmdCheck,
		"migrate":  a.cmdMigrate,
	}
	defer a.closeStore()
	if cmd == "help" {
		fmt.Fprint(stdout, usageText)
		return nil
	}
	f, ok := commands[cmd]
	if !ok {
		fmt.Fprint(stderr, usageText)
		return usagef("unknown command %q", cmd)
	}
	err := f(ctx, rest)
	if ctx.Err() != nil && (err != nil || !servers[cmd]) {
		// Ctrl-C or SIGTERM: exit 130, whatever the command made of it. A server stopped by a
		// signal without a failure has done its job (exit 0).
		err = interruptedError{err}
	}
	return red.Error(err)
}

// servers are the commands a signal ends normally.
var servers = map[string]bool{"serve": true, "telegram": true}

// interruptedError is a command stopped by Ctrl-C or SIGTERM: exit status 130.
type interruptedError struct{ err error }

func (e interruptedError) Error() string {
	if e.err == nil || errors.Is(e.err, context.Canceled) {
		return "interrupted"
	}
	return "interrupted: " + e.err.Error()
}
func (e interruptedError) Unwrap() error { return e.err }

// secretVars name the environment variables holding secrets, masked in every log record and
// printed error.
var secretVars = []string{"TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "NEWSBOT_LLM_API_KEY",
	"NEWSBOT_EMBED_API_KEY", "OPENAI_API_KEY"}

// secrets is the redactor of every configured secret, the password of a database URL included.
func secrets(getenv func(string) string) *redact.Redactor {
	var s []string
	for _, v := range secretVars {
		s = append(s, getenv(v))
	}
	s = append(s, postgres.Password(getenv("NEWSBOT_DATABASE_URL")), postgres.Password(getenv("NEWSBOT_VECTORS_URL")))
	return redact.New(s...)
}
