// Package pgtest gives tests a fresh database of their own on the PostgreSQL server named by
// NEWSBOT_TEST_DATABASE_URL (started by .ci/postgres.sh), or skips them when it is not set.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the test server's connection string.
const EnvURL = "NEWSBOT_TEST_DATABASE_URL"

// EnvPgvectorURL names a server with the pgvector extension (PGlite in CI).
const EnvPgvectorURL = "NEWSBOT_TEST_PGVECTOR_URL"

// ServerURL returns the test server's URL, or skips t when none is configured.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Skipf("%s is not set: no PostgreSQL server for this test (start one with .ci/postgres.sh)", EnvURL)
	}
	return u
}

// NewDatabase creates an empty database for t on the test server and returns its URL; it is
// dropped when t ends. Skips t when no server is configured.
func NewDatabase(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "newsbot_test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("pgtest: connecting to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Logf("pgtest: dropping %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("pgtest: %s is not a URL: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

// PgvectorURL returns the URL of the pgvector test server, or skips t when none is configured.
// PGlite serves every connection from one session and queues their protocol messages one by one:
// named statements that pgx prepares per connection collide there ("prepared statement …
// already exists"), and the unnamed statement of one connection's Parse/Bind is overwritten by
// another's. The URL asks pgx for the simple protocol (one message a query,
// default_query_exec_mode=simple_protocol), and each pool keeps to two connections (the server
// takes eight).
func PgvectorURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvPgvectorURL)
	if u == "" {
		t.Skipf("%s is not set: no PostgreSQL with pgvector for this test (.ci/postgres.sh starts PGlite)", EnvPgvectorURL)
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "default_query_exec_mode=simple_protocol&pool_max_conns=2"
}
