-- Alerting: leases that give each rule group (and the dispatcher) to exactly one replica, the live
-- replicas, the alerts themselves and the audit trail of changes.

-- A lease is held by one replica until expires_at. token is the fencing token: it grows every time the
-- lease changes hands, and every write made under a lease checks, in the same transaction, that the
-- lease row still carries the writer's token (so a replica that lost its lease while paused cannot
-- overwrite the new holder's state).
CREATE TABLE alerting_leases (
    name       text        PRIMARY KEY,
    owner      text        NOT NULL,
    token      bigint      NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Replicas that are alive (heartbeat newer than the lease time): rule groups are spread over them.
CREATE TABLE alerting_replicas (
    replica      text        PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- Every alert that is pending, firing or recently resolved, whichever replica evaluates its rule.
-- source: 'rule:<group key>' for alerts of a rule group, 'api' for alerts posted to /api/v2/alerts.
-- fingerprint: 16 hex digits, io.vigil.alerting.model.Fingerprints.of(labels).
-- active_at: when the alert became pending (the `for` clock); fired_at: when it started firing
-- (startsAt of notifications); resolved_at: when it resolved (endsAt); valid_until: a firing alert whose
-- source stops refreshing it counts as resolved after this (as Alertmanager's endsAt).
CREATE TABLE alerts (
    source            text             NOT NULL,
    fingerprint       text             NOT NULL,
    alertname         text             NOT NULL,
    labels            jsonb            NOT NULL,
    annotations       jsonb            NOT NULL DEFAULT '{}',
    state             text             NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
    active_at         timestamptz      NOT NULL,
    fired_at          timestamptz,
    resolved_at       timestamptz,
    valid_until       timestamptz,
    keep_firing_since timestamptz,
    last_eval         timestamptz,
    value             double precision,
    generator_url     text,
    updated_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (source, fingerprint)
);
CREATE INDEX alerts_updated_idx ON alerts (updated_at);
CREATE INDEX alerts_fingerprint_idx ON alerts (fingerprint);

-- Who changed what, when: silences, reloads, rule changes.
CREATE TABLE alerting_audit (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time   timestamptz NOT NULL DEFAULT now(),
    actor  text        NOT NULL,
    action text        NOT NULL,
    target text        NOT NULL,
    detail jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX alerting_audit_time_idx ON alerting_audit (time DESC);
