package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"newsbot/bot/telegram"
)

// Subscriptions keeps Telegram's /subscribe subscribers in the database (telegram.Subscriptions).
// A claim is an insert that succeeds once per chat and edition across all replicas, so each new
// edition goes to each subscriber once however many replicas run the delivery round.
type Subscriptions struct{ s *Store }

// Subscriptions returns the store's subscriptions.
func (s *Store) Subscriptions() *Subscriptions { return &Subscriptions{s} }

var _ telegram.Subscriptions = (*Subscriptions)(nil)

// Subscribe adds sub or changes its daily time; seen count as sent already.
func (p *Subscriptions) Subscribe(ctx context.Context, sub telegram.Subscriber, seen []string) error {
	return pgx.BeginFunc(ctx, p.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO telegram_subscribers (chat, grp, daily) VALUES ($1, $2, $3)
			ON CONFLICT (chat) DO UPDATE SET grp = $2, daily = $3`, sub.Chat, sub.Group, sub.Daily); err != nil {
			return fmt.Errorf("postgres: subscribe chat %d: %w", sub.Chat, err)
		}
		for _, e := range seen {
			if _, err := tx.Exec(ctx, `INSERT INTO telegram_deliveries (chat, edition) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, sub.Chat, e); err != nil {
				return fmt.Errorf("postgres: subscribe chat %d: %w", sub.Chat, err)
			}
		}
		return nil
	})
}

// Unsubscribe removes a chat and its delivery records; false when it was not subscribed.
func (p *Subscriptions) Unsubscribe(ctx context.Context, chat int64) (bool, error) {
	var removed bool
	err := pgx.BeginFunc(ctx, p.s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM telegram_subscribers WHERE chat = $1", chat)
		if err != nil {
			return fmt.Errorf("postgres: unsubscribe chat %d: %w", chat, err)
		}
		removed = tag.RowsAffected() > 0
		_, err = tx.Exec(ctx, "DELETE FROM telegram_deliveries WHERE chat = $1", chat)
		return err
	})
	return removed, err
}

// Subscribers lists the subscribers in the order they subscribed.
func (p *Subscriptions) Subscribers(ctx context.Context) ([]telegram.Subscriber, error) {
	rows, err := p.s.pool.Query(ctx, "SELECT chat, grp, daily FROM telegram_subscribers ORDER BY subscribed_at, chat")
	if err != nil {
		return nil, fmt.Errorf("postgres: list subscribers: %w", err)
	}
	subs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (telegram.Subscriber, error) {
		var s telegram.Subscriber
		err := r.Scan(&s.Chat, &s.Group, &s.Daily)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: list subscribers: %w", err)
	}
	return subs, nil
}

// Claim records that edition is about to be sent to chat; false when any replica claimed it before.
func (p *Subscriptions) Claim(ctx context.Context, chat int64, edition string) (bool, error) {
	tag, err := p.s.pool.Exec(ctx, `INSERT INTO telegram_deliveries (chat, edition) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, chat, edition)
	if err != nil {
		return false, fmt.Errorf("postgres: claim edition %s for chat %d: %w", edition, chat, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Release forgets a claim whose message Telegram did not take.
func (p *Subscriptions) Release(ctx context.Context, chat int64, edition string) error {
	if _, err := p.s.pool.Exec(ctx, "DELETE FROM telegram_deliveries WHERE chat = $1 AND edition = $2 AND delivered_at IS NULL",
		chat, edition); err != nil {
		return fmt.Errorf("postgres: release edition %s for chat %d: %w", edition, chat, err)
	}
	return nil
}

// Delivered records that Telegram took the message.
func (p *Subscriptions) Delivered(ctx context.Context, chat int64, edition string) error {
	if _, err := p.s.pool.Exec(ctx, `INSERT INTO telegram_deliveries (chat, edition, delivered_at) VALUES ($1, $2, now())
		ON CONFLICT (chat, edition) DO UPDATE SET delivered_at = now()`, chat, edition); err != nil {
		return fmt.Errorf("postgres: record edition %s delivered to chat %d: %w", edition, chat, err)
	}
	return nil
}
