package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema step: NNNN_name.sql, applied in version order, each in a transaction.
type migration struct {
	version int
	name    string
	sql     string
}

// migrateLock is the advisory lock key that serializes migrations across replicas ("newsbot"
// in ASCII, so it does not collide with the other locks of this package by accident).
const migrateLock int64 = 0x6e657773626f74

// migrations lists the embedded migrations in version order.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("postgres: reading embedded migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("postgres: embedded migration %s: want NNNN_name.sql", e.Name())
		}
		data, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("postgres: reading migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: v, name: name, sql: string(data)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("postgres: embedded migrations: version %d missing", i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema version this binary knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// ErrSchemaTooNew is wrapped by the error of Open when the database was migrated by a newer
// binary.
var ErrSchemaTooNew = fmt.Errorf("postgres: database schema is newer than this binary")

// migrate applies the migrations the database lacks, under an advisory lock held on one
// connection, so that replicas starting together apply each once. It refuses a database whose
// schema is newer than the binary's.
func migrate(ctx context.Context, pool *pgxpool.Pool) (applied int, err error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrateLock); err != nil {
		return 0, fmt.Errorf("postgres: migrate: taking the migration lock: %w", err)
	}
	defer func() {
		// A failed unlock (the connection broke) releases the lock anyway when the session ends.
		if _, uerr := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLock); uerr != nil {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS newsbot_schema (
		version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("postgres: migrate: creating the schema table: %w", err)
	}
	var current int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM newsbot_schema").Scan(&current); err != nil {
		return 0, fmt.Errorf("postgres: migrate: reading the schema version: %w", err)
	}
	if current > len(ms) {
		return 0, fmt.Errorf("%w: the database is at schema version %d, this binary knows up to %d: upgrade newsbot (or point it at another database)",
			ErrSchemaTooNew, current, len(ms))
	}
	for _, m := range ms[current:] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO newsbot_schema (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		}); err != nil {
			return applied, fmt.Errorf("postgres: migration %04d_%s: %w", m.version, m.name, err)
		}
		applied++
	}
	return applied, nil
}
