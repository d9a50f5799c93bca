package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Conversations is the conversation store of bot.ConversationStore in the database: each call is
// one round trip, so a follow-up sent to any replica continues the conversation.
type Conversations struct{ s *Store }

// Conversations returns the store's conversation store.
func (s *Store) Conversations() *Conversations { return &Conversations{s} }

// Turns returns the last max turns of conversation id, oldest first, or none when its newest turn
// is older than since.
func (c *Conversations) Turns(ctx context.Context, id string, since time.Time, max int) ([]json.RawMessage, error) {
	rows, err := c.s.pool.Query(ctx, `SELECT turn, at FROM conversation_turns WHERE conversation = $1
		ORDER BY seq DESC LIMIT $2`, id, max)
	if err != nil {
		return nil, fmt.Errorf("postgres: read conversation: %w", err)
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var turn []byte
		var at time.Time
		if err := rows.Scan(&turn, &at); err != nil {
			return nil, fmt.Errorf("postgres: read conversation: %w", err)
		}
		if len(out) == 0 && at.Before(since) {
			return nil, nil // idle past the TTL: a fresh conversation under the same ID
		}
		out = append(out, turn)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: read conversation: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

// Append records a turn of conversation id and drops the turns before the last max, in one
// statement.
func (c *Conversations) Append(ctx context.Context, id string, turn json.RawMessage, at time.Time, max int) error {
	// The DELETE does not see the row being inserted (one snapshot): keep max-1 older ones.
	_, err := c.s.pool.Exec(ctx, `WITH ins AS (
			INSERT INTO conversation_turns (conversation, at, turn) VALUES ($1, $2, $3) RETURNING seq)
		DELETE FROM conversation_turns WHERE conversation = $1 AND seq < coalesce(
			(SELECT min(seq) FROM (SELECT seq FROM conversation_turns WHERE conversation = $1
				ORDER BY seq DESC LIMIT greatest($4::int - 1, 0)) kept), 9223372036854775807)`,
		id, at, []byte(turn), max)
	if err != nil {
		return fmt.Errorf("postgres: record conversation turn: %w", err)
	}
	return nil
}

// Prune deletes the turns made before before (conversations idle past their TTL) and returns how
// many it deleted.
func (c *Conversations) Prune(ctx context.Context, before time.Time) (int64, error) {
	tag, err := c.s.pool.Exec(ctx, "DELETE FROM conversation_turns WHERE at < $1", before)
	if err != nil {
		return 0, fmt.Errorf("postgres: prune conversations: %w", err)
	}
	return tag.RowsAffected(), nil
}
