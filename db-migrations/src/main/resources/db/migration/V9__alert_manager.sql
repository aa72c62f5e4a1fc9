-- Alert manager: silences, the notification log and the outbox of notifications to publish.

-- A silence mutes every alert its matchers match between starts_at and ends_at. Expiring sets ends_at
-- to now; expired silences stay listed for 5 days, then they are deleted.
-- matchers: [{"name":…, "value":…, "isRegex":bool, "isEqual":bool}] as in Alertmanager's API.
CREATE TABLE silences (
    id         text        PRIMARY KEY,
    matchers   jsonb       NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_by text        NOT NULL,
    comment    text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX silences_ends_idx ON silences (ends_at);

-- The notification log: what was last sent for each (receiver, group), so an unchanged group is not
-- sent again before repeat_interval, across restarts and a change of dispatcher replica.
-- firing / resolved: the fingerprints sent as firing / resolved (sorted JSON arrays).
-- sequence: how many notifications this group sent this receiver; with the receiver and group key it
-- gives each notification a stable id.
CREATE TABLE notification_log (
    receiver   text        NOT NULL,
    group_key  text        NOT NULL,
    firing     jsonb       NOT NULL,
    resolved   jsonb       NOT NULL,
    sent_at    timestamptz NOT NULL,
    sequence   bigint      NOT NULL,
    PRIMARY KEY (receiver, group_key)
);

-- Notifications decided but maybe not yet on Kafka: written in the same transaction as the
-- notification log, published afterwards (at least once: a crash before published_at is set
-- publishes the same id again, and notify delivers each id once).
CREATE TABLE notification_outbox (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           text        NOT NULL UNIQUE,
    receiver     text        NOT NULL,
    group_key    text        NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (seq) WHERE published_at IS NULL;
