-- The library, its version, conversations and the Telegram update journal.

-- One row per edition, the edition stored as the data folder stores it (JSON), with the columns
-- queries need beside it.
CREATE TABLE editions (
    id       text PRIMARY KEY,
    paper    text NOT NULL DEFAULT '',
    date     text NOT NULL DEFAULT '',
    source   text NOT NULL DEFAULT '',
    checksum text NOT NULL DEFAULT '',
    body     text NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX editions_checksum ON editions (checksum) WHERE checksum <> '';

-- Bumped in the transaction of every library change; replicas compare it with their index's.
CREATE TABLE library_version (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL
);
INSERT INTO library_version VALUES (true, 0);

-- The turns of each conversation, oldest first by seq; the engine keeps the last few.
CREATE TABLE conversation_turns (
    conversation text NOT NULL,
    seq          bigserial,
    at           timestamptz NOT NULL DEFAULT now(),
    turn         jsonb NOT NULL,
    PRIMARY KEY (conversation, seq)
);
CREATE INDEX conversation_turns_at ON conversation_turns (at);

-- Telegram updates received by any replica: pending until done_at is set. A replica answering one
-- holds a lease (claimed_by, lease_until); an expired lease may be taken over.
CREATE TABLE telegram_updates (
    update_id   bigint PRIMARY KEY,
    chat_id     bigint NOT NULL,
    body        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    claimed_by  text,
    lease_until timestamptz,
    done_at     timestamptz
);
CREATE INDEX telegram_updates_pending ON telegram_updates (chat_id, update_id) WHERE done_at IS NULL;
CREATE INDEX telegram_updates_done ON telegram_updates (done_at) WHERE done_at IS NOT NULL;
