-- Series catalogue: one row per series. The id is computed by whoever first sees the series
-- (xxHash64 of the canonical form, see io.vigil.model.Labels), so ingest never waits for the database
-- to name a series. The writer refuses a second, different label set hashing to an existing id and
-- records it in series_collisions instead of mixing the two series.
CREATE TABLE series (
    id          bigint      PRIMARY KEY,
    metric_name text        NOT NULL,
    labels      jsonb       NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);

-- Label matching (labels @> '{"host":"i631"}') for the query tier.
CREATE INDEX series_labels_idx ON series USING gin (labels jsonb_path_ops);
CREATE INDEX series_metric_name_idx ON series (metric_name);

CREATE TABLE series_collisions (
    series_id        bigint      NOT NULL,
    metric_name      text        NOT NULL,
    labels           jsonb       NOT NULL,
    first_refused    timestamptz NOT NULL,
    last_refused     timestamptz NOT NULL,
    samples_refused  bigint      NOT NULL,
    PRIMARY KEY (series_id, metric_name, labels)
);
