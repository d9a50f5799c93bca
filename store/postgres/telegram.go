package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// DefaultLease is how long a replica's claim on a Telegram update lasts without renewal: a replica
// that dies mid-answer leaves its updates to the others after at most this long.
const DefaultLease = 15 * time.Second

// keepDone is how long answered updates are remembered: Telegram redelivers an update for at
// most a day.
const keepDone = 48 * time.Hour

// TelegramJournal is the Telegram update journal that replicas share (telegram.SharedJournal):
// updates are claimed by update_id in the accepting transaction, held under a lease the replica
// renews, and taken over by another replica once the lease expires.
type TelegramJournal struct {
	s       *Store
	replica string
	lease   time.Duration
}

// TelegramJournal returns the journal for this replica; lease 0 means DefaultLease.
func (s *Store) TelegramJournal(lease time.Duration) *TelegramJournal {
	if lease <= 0 {
		lease = DefaultLease
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &TelegramJournal{s: s, replica: hex.EncodeToString(b[:]), lease: lease}
}

// Replica is this replica's ID in the journal's claims.
func (j *TelegramJournal) Replica() string { return j.replica }

// Accept records the update unless it is there already, claiming it for this replica.
func (j *TelegramJournal) Accept(ctx context.Context, id int, chat int64, update []byte) (bool, error) {
	tag, err := j.s.pool.Exec(ctx, `INSERT INTO telegram_updates (update_id, chat_id, body, claimed_by, lease_until)
		VALUES ($1, $2, $3, $4, now() + $5::interval) ON CONFLICT (update_id) DO NOTHING`,
		id, chat, string(update), j.replica, j.lease)
	if err != nil {
		return false, fmt.Errorf("postgres: journal telegram update %d: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Ready reports whether no earlier update of chat is pending.
func (j *TelegramJournal) Ready(ctx context.Context, id int, chat int64) (bool, error) {
	var ready bool
	err := j.s.pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM telegram_updates
		WHERE chat_id = $1 AND update_id < $2 AND done_at IS NULL)`, chat, id).Scan(&ready)
	if err != nil {
		return false, fmt.Errorf("postgres: telegram chat order: %w", err)
	}
	return ready, nil
}

// Done records that the update was answered.
func (j *TelegramJournal) Done(ctx context.Context, id int) error {
	if _, err := j.s.pool.Exec(ctx, "UPDATE telegram_updates SET done_at = now() WHERE update_id = $1", id); err != nil {
		return fmt.Errorf("postgres: record telegram update %d answered: %w", id, err)
	}
	return nil
}

// Interval is a third of the lease: two renewals may fail before a claim lapses.
func (j *TelegramJournal) Interval() time.Duration { return j.lease / 3 }

// Renew extends this replica's leases, takes over the pending updates whose lease expired and
// returns them in update ID order; it also forgets updates answered long ago.
func (j *TelegramJournal) Renew(ctx context.Context) ([][]byte, error) {
	if _, err := j.s.pool.Exec(ctx, `UPDATE telegram_updates SET lease_until = now() + $2::interval
		WHERE claimed_by = $1 AND done_at IS NULL`, j.replica, j.lease); err != nil {
		return nil, fmt.Errorf("postgres: renew telegram leases: %w", err)
	}
	// SKIP LOCKED: two replicas taking over at once split the updates rather than both taking them.
	rows, err := j.s.pool.Query(ctx, `UPDATE telegram_updates SET claimed_by = $1, lease_until = now() + $2::interval
		WHERE update_id IN (SELECT update_id FROM telegram_updates
			WHERE done_at IS NULL AND lease_until < now() ORDER BY update_id LIMIT 500 FOR UPDATE SKIP LOCKED)
		RETURNING update_id, body`, j.replica, j.lease)
	if err != nil {
		return nil, fmt.Errorf("postgres: take over telegram updates: %w", err)
	}
	defer rows.Close()
	type taken struct {
		id   int64
		body string
	}
	var got []taken
	for rows.Next() {
		var t taken
		if err := rows.Scan(&t.id, &t.body); err != nil {
			return nil, fmt.Errorf("postgres: take over telegram updates: %w", err)
		}
		got = append(got, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: take over telegram updates: %w", err)
	}
	// RETURNING gives no order: sort by update ID.
	for i := 1; i < len(got); i++ {
		for k := i; k > 0 && got[k].id < got[k-1].id; k-- {
			got[k], got[k-1] = got[k-1], got[k]
		}
	}
	out := make([][]byte, len(got))
	for i, t := range got {
		out[i] = []byte(t.body)
	}
	if _, err := j.s.pool.Exec(ctx, "DELETE FROM telegram_updates WHERE done_at < now() - $1::interval", keepDone); err != nil {
		return out, fmt.Errorf("postgres: forget old telegram updates: %w", err)
	}
	return out, nil
}
