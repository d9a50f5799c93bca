-- Telegram: which answer each message the bot sent carried (its conversation and the answer's
-- turn), so that a reply to that message, delivered to any replica, continues from that answer.
CREATE TABLE telegram_replies (
    chat         bigint NOT NULL,
    message      bigint NOT NULL,
    conversation text NOT NULL,
    turn         jsonb,
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chat, message)
);
CREATE INDEX telegram_replies_at ON telegram_replies (at);
