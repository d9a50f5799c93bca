-- Telegram /subscribe: the subscribers, and which edition was claimed for (and delivered to) whom.
-- A claim is a row inserted once: the replica whose insert succeeds sends that edition to that chat.
CREATE TABLE telegram_subscribers (
    chat          bigint PRIMARY KEY,
    grp           boolean NOT NULL DEFAULT false,
    daily         text NOT NULL DEFAULT '',
    subscribed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE telegram_deliveries (
    chat         bigint NOT NULL,
    edition      text NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    PRIMARY KEY (chat, edition)
);
