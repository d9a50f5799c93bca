package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"newsbot/bot/telegram"
)

// Replies keeps which answer each Telegram message carried (telegram.Replies) in the database, so
// that a reply to an answer sent by one replica continues from that answer on another. One round
// trip per answer sent and per reply received.
type Replies struct{ s *Store }

// Replies returns the store's record of sent answers.
func (s *Store) Replies() *Replies { return &Replies{s} }

var _ telegram.Replies = (*Replies)(nil)

// Remember records the answer message (r.Chat, r.Message) carried; a message recorded again (an
// answer resent after a takeover) keeps the newer answer.
func (p *Replies) Remember(ctx context.Context, r telegram.SentAnswer) error {
	var turn []byte
	if len(r.Turn) > 0 {
		turn = r.Turn
	}
	_, err := p.s.pool.Exec(ctx, `INSERT INTO telegram_replies (chat, message, conversation, turn, at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (chat, message) DO UPDATE
		SET conversation = $3, turn = $4, at = $5`, r.Chat, r.Message, r.Conversation, turn, r.At)
	if err != nil {
		return fmt.Errorf("postgres: record telegram message %d of chat %d: %w", r.Message, r.Chat, err)
	}
	return nil
}

// Recall returns the answer message (chat, message) carried, if it is known.
func (p *Replies) Recall(ctx context.Context, chat int64, message int) (telegram.SentAnswer, bool, error) {
	r := telegram.SentAnswer{Chat: chat, Message: message}
	var turn []byte
	err := p.s.pool.QueryRow(ctx, `SELECT conversation, turn, at FROM telegram_replies
		WHERE chat = $1 AND message = $2`, chat, message).Scan(&r.Conversation, &turn, &r.At)
	if errors.Is(err, pgx.ErrNoRows) {
		return telegram.SentAnswer{}, false, nil
	}
	if err != nil {
		return telegram.SentAnswer{}, false, fmt.Errorf("postgres: read telegram message %d of chat %d: %w", message, chat, err)
	}
	r.Turn = turn
	return r, true, nil
}

// Prune forgets the answers sent before before and returns how many it forgot.
func (p *Replies) Prune(ctx context.Context, before time.Time) (int64, error) {
	tag, err := p.s.pool.Exec(ctx, "DELETE FROM telegram_replies WHERE at < $1", before)
	if err != nil {
		return 0, fmt.Errorf("postgres: prune telegram replies: %w", err)
	}
	return tag.RowsAffected(), nil
}
