package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
)

// lockCheck is how often a lock holder checks that its session (and so its lock) is alive, and
// how often a waiter tries to take the lock: another replica takes over within about this long
// after the holder dies (the server ends a dead client's session when its connection drops).
const lockCheck = time.Second

// LockKey is the advisory lock key for a named job ("telegram-poll", "feed-poll").
func LockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("newsbot:" + name))
	return int64(h.Sum64())
}

// WithLock runs run while this process holds the session advisory lock named name, so that one
// replica does the job (polling Telegram, polling feeds) at a time. It waits for the lock, runs
// run with a context that ends when the lock is lost (the connection holding it broke) or ctx
// ends, and takes the lock again when it was lost. It returns when ctx ends, or with run's error
// when run fails while holding the lock.
func (s *Store) WithLock(ctx context.Context, name string, run func(ctx context.Context) error) error {
	key := LockKey(name)
	for ctx.Err() == nil {
		conn, err := s.lockConn(ctx, key)
		if err != nil {
			if ctx.Err() == nil {
				sleepCtx(ctx, lockCheck)
			}
			continue
		}
		err = s.holdWhile(ctx, conn, run)
		conn.Close(context.WithoutCancel(ctx)) // closing the session releases the lock
		if err != nil && ctx.Err() == nil && !errors.Is(err, errLockLost) {
			return err
		}
	}
	return nil
}

var errLockLost = errors.New("postgres: advisory lock lost")

// lockConn opens a connection of its own and waits on it until it holds the lock.
func (s *Store) lockConn(ctx context.Context, key int64) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return nil, err
	}
	for {
		var got bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil {
			conn.Close(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("postgres: advisory lock: %w", err)
		}
		if got {
			return conn, nil
		}
		if !sleepCtx(ctx, lockCheck) {
			conn.Close(context.WithoutCancel(ctx))
			return nil, ctx.Err()
		}
	}
}

// holdWhile runs run while pinging the lock's connection; a failed ping cancels run.
func (s *Store) holdWhile(ctx context.Context, conn *pgx.Conn, run func(ctx context.Context) error) error {
	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := make(chan error, 1)
	go func() { done <- run(rctx) }()
	t := time.NewTicker(lockCheck)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-t.C:
			pctx, pcancel := context.WithTimeout(ctx, lockCheck)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil && ctx.Err() == nil {
				cancel(errLockLost)
				<-done
				return errLockLost
			}
		}
	}
}

// sleepCtx waits d or until ctx ends; false when ctx ended.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Exclusive runs run once while holding the advisory lock name, waiting for it while another
// session holds it: for a short job that must not overlap itself across processes (storing
// editions and their vectors together, so that a replica never finds one without the other).
func (s *Store) Exclusive(ctx context.Context, name string, run func(ctx context.Context) error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: lock %s: %w", name, err)
	}
	defer conn.Release()
	key := LockKey(name)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("postgres: lock %s: %w", name, err)
	}
	defer func() {
		if _, err := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key); err != nil {
			conn.Conn().Close(context.WithoutCancel(ctx)) // closing the session releases the lock
		}
	}()
	return run(ctx)
}
