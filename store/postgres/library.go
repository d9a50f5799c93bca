package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"newsbot/corpus"
)

// libraryChannel is the NOTIFY channel of library changes; the payload is the new version.
const libraryChannel = "newsbot_library"

// AddEditions stores editions, each replacing a stored one with the same ID or made from the same
// file (checksum), in one transaction that bumps the library's version and announces it when
// anything changed (storing an edition again as it is stored changes nothing: a migration may run
// twice). It returns how many replaced a stored edition.
func (s *Store) AddEditions(ctx context.Context, eds []*corpus.Edition) (replaced int, err error) {
	if len(eds) == 0 {
		return 0, nil
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		replaced = 0
		changed := false
		for _, ed := range eds {
			r, c, err := addEdition(ctx, tx, ed)
			if err != nil {
				return err
			}
			if r {
				replaced++
			}
			changed = changed || c
		}
		if !changed {
			return nil
		}
		_, err := bumpVersion(ctx, tx)
		return err
	})
	return replaced, err
}

func addEdition(ctx context.Context, tx pgx.Tx, ed *corpus.Edition) (replaced, changed bool, err error) {
	if ed == nil || ed.ID == "" {
		return false, false, errors.New("postgres: add edition: no edition ID")
	}
	body, err := json.Marshal(ed)
	if err != nil {
		return false, false, fmt.Errorf("postgres: add edition %s (%s): %w", ed.ID, ed.Source, err)
	}
	// xmax is non-zero on a row the upsert updated rather than inserted; an edition stored as it
	// is returns no row at all.
	err = tx.QueryRow(ctx, `INSERT INTO editions (id, paper, date, source, checksum, body)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET paper = $2, date = $3, source = $4, checksum = $5, body = $6, added_at = now()
			WHERE editions.body IS DISTINCT FROM EXCLUDED.body
		RETURNING xmax <> 0`, ed.ID, ed.Paper, ed.Date, ed.Source, ed.Checksum, string(body)).Scan(&replaced)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		replaced, changed = true, false
	case err != nil:
		return false, false, fmt.Errorf("postgres: add edition %s (%s): %w", ed.ID, ed.Source, err)
	default:
		changed = true
	}
	if ed.Checksum != "" {
		// The same file ingested before under another paper or date is the same edition.
		tag, err := tx.Exec(ctx, "DELETE FROM editions WHERE checksum = $1 AND id <> $2", ed.Checksum, ed.ID)
		if err != nil {
			return false, false, fmt.Errorf("postgres: replace the older copies of edition %s: %w", ed.ID, err)
		}
		replaced = replaced || tag.RowsAffected() > 0
		changed = changed || tag.RowsAffected() > 0
	}
	return replaced, changed, nil
}

// bumpVersion increments the library version and announces it (delivered at commit).
func bumpVersion(ctx context.Context, tx pgx.Tx) (int64, error) {
	var v int64
	if err := tx.QueryRow(ctx, "UPDATE library_version SET version = version + 1 RETURNING version").Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: bump library version: %w", err)
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", libraryChannel, fmt.Sprint(v)); err != nil {
		return 0, fmt.Errorf("postgres: announce library version: %w", err)
	}
	return v, nil
}

// RemoveEdition deletes a stored edition; removing one that is not stored is not an error.
func (s *Store) RemoveEdition(ctx context.Context, id string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM editions WHERE id = $1", id)
		if err != nil {
			return fmt.Errorf("postgres: remove edition %s: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		_, err = bumpVersion(ctx, tx)
		return err
	})
}

// Version is the library's version: it changes with every change of the library.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, "SELECT version FROM library_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: read library version: %w", err)
	}
	return v, nil
}

// Editions reads every stored edition, ordered by date, then source file, then ID (as the data
// folder's library orders them), with the library version they make up.
func (s *Store) Editions(ctx context.Context) (eds []*corpus.Edition, version int64, err error) {
	// One snapshot for the version and the rows, so the version names exactly these editions.
	err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT version FROM library_version").Scan(&version); err != nil {
			return fmt.Errorf("postgres: read library version: %w", err)
		}
		rows, err := tx.Query(ctx, "SELECT id, body FROM editions ORDER BY date, source, id")
		if err != nil {
			return fmt.Errorf("postgres: read editions: %w", err)
		}
		eds = eds[:0]
		for rows.Next() {
			var id, body string
			if err := rows.Scan(&id, &body); err != nil {
				return fmt.Errorf("postgres: read editions: %w", err)
			}
			var ed corpus.Edition
			if err := json.Unmarshal([]byte(body), &ed); err != nil {
				return fmt.Errorf("postgres: edition %s is corrupt in the database: %w", id, err)
			}
			eds = append(eds, &ed)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: read editions: %w", err)
		}
		return nil
	})
	return eds, version, err
}

// EditionCount is how many editions are stored.
func (s *Store) EditionCount(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM editions").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count editions: %w", err)
	}
	return n, nil
}

// Follow calls changed with the library's version whenever it differs from the last one seen
// (starting from since), until ctx ends. It listens for the NOTIFY of every change on a connection
// of its own and also reads the version every interval, so a change announced while that
// connection was down (a database restart) is picked up all the same. changed runs on Follow's
// goroutine: a slow rebuild delays the next check, never the answers.
func (s *Store) Follow(ctx context.Context, since int64, interval time.Duration, changed func(version int64)) {
	last := since
	check := func(v int64) {
		if v != last {
			last = v
			changed(v)
		}
	}
	for ctx.Err() == nil {
		err := s.listen(ctx, interval, check)
		if ctx.Err() != nil {
			return
		}
		// The listening connection failed: poll until it can be opened again.
		_ = err
		if v, err := s.Version(ctx); err == nil {
			check(v)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// listen holds one connection LISTENing to the library channel, reading the version at each
// notification and every interval, until ctx ends or the connection fails.
func (s *Store) listen(ctx context.Context, interval time.Duration, check func(int64)) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+libraryChannel); err != nil {
		return err
	}
	for {
		// Read after LISTEN, so no change falls between the two.
		var v int64
		if err := conn.QueryRow(ctx, "SELECT version FROM library_version").Scan(&v); err != nil {
			return err
		}
		check(v)
		wctx, cancel := context.WithTimeout(ctx, interval)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
	}
}

// Stamps returns each stored edition's stamp (a hash of its stored form: it changes exactly when
// the edition does) with the library version they make up, so that a replica can update its index
// by the editions that changed instead of rebuilding it.
func (s *Store) Stamps(ctx context.Context) (stamps map[string]string, version int64, err error) {
	err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT version FROM library_version").Scan(&version); err != nil {
			return fmt.Errorf("postgres: read library version: %w", err)
		}
		rows, err := tx.Query(ctx, "SELECT id, md5(body) FROM editions")
		if err != nil {
			return fmt.Errorf("postgres: read edition stamps: %w", err)
		}
		defer rows.Close()
		stamps = map[string]string{}
		for rows.Next() {
			var id, stamp string
			if err := rows.Scan(&id, &stamp); err != nil {
				return fmt.Errorf("postgres: read edition stamps: %w", err)
			}
			stamps[id] = stamp
		}
		return rows.Err()
	})
	return stamps, version, err
}

// Edition reads one stored edition with its stamp; nil when it is not stored.
func (s *Store) Edition(ctx context.Context, id string) (*corpus.Edition, string, error) {
	var body, stamp string
	err := s.pool.QueryRow(ctx, "SELECT body, md5(body) FROM editions WHERE id = $1", id).Scan(&body, &stamp)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("postgres: read edition %s: %w", id, err)
	}
	var ed corpus.Edition
	if err := json.Unmarshal([]byte(body), &ed); err != nil {
		return nil, "", fmt.Errorf("postgres: edition %s is corrupt in the database: %w", id, err)
	}
	return &ed, stamp, nil
}

// Touch bumps the library's version and announces it without changing an edition: for a change
// of what replicas derive from the library (its vectors rebuilt with a new embedder).
func (s *Store) Touch(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := bumpVersion(ctx, tx)
		return err
	})
}
