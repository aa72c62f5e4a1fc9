-- Notify's delivery log. notification_deliveries holds one row per (notification, receiver): its
-- state decides whether a redelivered Kafka record is sent again. delivery_attempts keeps every
-- attempt for operators (time, receiver, outcome, status code, latency), readable through notify's API.
--
-- state: 'sending'   an attempt started and its outcome is not recorded yet; found on redelivery it means
--                    notify died mid-attempt, so the notification is sent again (at most one duplicate)
--        'retrying'  the last attempt asked for a retry
--        'delivered' final: never sent again
--        'dead'      final: given up (rejected, or the retry budget ran out) and dead-lettered
CREATE TABLE notification_deliveries (
    notification_id text        NOT NULL,
    receiver        text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('sending', 'retrying', 'delivered', 'dead')),
    attempts        integer     NOT NULL,
    first_attempt   timestamptz NOT NULL,
    last_attempt    timestamptz NOT NULL,
    PRIMARY KEY (notification_id, receiver)
);

CREATE TABLE delivery_attempts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time            timestamptz NOT NULL,
    notification_id text        NOT NULL,
    receiver        text        NOT NULL,
    channel         text        NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('delivered', 'retry', 'rejected', 'gave_up', 'skipped_duplicate')),
    status_code     integer,
    latency_ms      integer     NOT NULL,
    detail          text
);
CREATE INDEX delivery_attempts_time_idx ON delivery_attempts (time DESC);
CREATE INDEX delivery_attempts_notification_idx ON delivery_attempts (notification_id, receiver);
