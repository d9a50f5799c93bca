package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"newsbot/internal/redact"
	"newsbot/store/postgres"
)

// globals are the flags every command accepts, before or after its name.
type globals struct {
	data         string
	dict         string
	logFormat    string
	logQuestions bool
	databaseURL  string // a secret (it may hold a password): never logged, see postgres.Redact
	vectors      string // where the dense half's vectors live: memory or pgvector
	red          *redact.Redactor
}

// newGlobals reads the globals' environment defaults; red, when given, is told the password of
// a --database-url given on the command line (the environment's is in it already).
func newGlobals(getenv func(string) string, red *redact.Redactor) *globals {
	return &globals{data: getenv("NEWSBOT_DATA"), dict: getenv("NEWSBOT_DICT"), logFormat: "text",
		databaseURL: getenv("NEWSBOT_DATABASE_URL"), vectors: firstNonEmpty(getenv("NEWSBOT_VECTORS"), "memory"), red: red}
}

// secretURL is the --database-url flag: setting it registers the URL's password with the
// redactor, so that it is masked in every log record and printed error like the environment's.
type secretURL struct{ g *globals }

func (s secretURL) String() string {
	if s.g == nil {
		return ""
	}
	return postgres.Redact(s.g.databaseURL)
}

func (s secretURL) Set(v string) error {
	s.g.databaseURL = v
	if s.g.red != nil {
		s.g.red.Add(postgres.Password(v))
	}
	return nil
}

// flagSet returns a flag set named name with the global flags registered on it.
func (g *globals) flagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&g.data, "data", g.data, "library folder (env NEWSBOT_DATA)")
	fs.StringVar(&g.dict, "dict", g.dict, "extra segmenter words, one a line (env NEWSBOT_DICT)")
	fs.StringVar(&g.logFormat, "log-format", g.logFormat, "log format: text or json")
	fs.BoolVar(&g.logQuestions, "log-questions", g.logQuestions, "include question text in logs")
	fs.Var(secretURL{g}, "database-url", "PostgreSQL (postgres://…) holding the library and shared state, for replicas (env NEWSBOT_DATABASE_URL)")
	fs.StringVar(&g.vectors, "vectors", g.vectors, "where the chunk vectors live: memory (in process) or pgvector (in the database; needs --database-url) (env NEWSBOT_VECTORS)")
	return fs
}

// flagErr turns a flag parsing error into a usage error; -h is a successful request for help.
func flagErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return usageError{err}
}

// dataDir is the library folder: --data, NEWSBOT_DATA, or a per-user data folder.
func (a *app) dataDir() (string, error) {
	if a.g.data != "" {
		return a.g.data, nil
	}
	if d := a.getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "newsbot"), nil
	}
	home := a.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data folder: set --data or NEWSBOT_DATA: %w", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "newsbot"), nil
}

// logger builds the process logger on stderr: JSON with --log-format json, text otherwise.
func (a *app) logger() (*slog.Logger, error) {
	switch a.g.logFormat {
	case "json":
		return slog.New(redact.Handler(slog.NewJSONHandler(a.stderr, nil), a.red)), nil
	case "text", "":
		return slog.New(redact.Handler(slog.NewTextHandler(a.stderr, nil), a.red)), nil
	default:
		return nil, usagef("--log-format: want text or json, got %q", a.g.logFormat)
	}
}

// isTerminal reports whether w is an interactive terminal (progress bars, prompts).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// envDuration reads a duration variable such as "20s"; empty gives def.
func (a *app) envDuration(name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(a.getenv(name))
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usagef("%s: want a positive duration such as 20s, got %q", name, v)
	}
	return d, nil
}

// envInt reads a positive integer variable; empty gives def.
func (a *app) envInt(name string, def int) (int, error) {
	v := strings.TrimSpace(a.getenv(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, usagef("%s: want a positive integer, got %q", name, v)
	}
	return n, nil
}
