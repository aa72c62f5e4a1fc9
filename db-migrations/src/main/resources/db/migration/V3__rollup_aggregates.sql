-- Rollup tiers as hierarchical continuous aggregates. Each bucket keeps what the query tier needs to
-- answer avg/sum/min/max/count exactly and counter rates approximately: min, max, sum, count, the
-- first and last value and the times of the first and last sample.
-- Staleness markers (NaN) are not samples and are left out, here and in raw-tier queries alike.
-- Created WITH NO DATA because a refresh cannot run inside Flyway's transaction; the refresh
-- policies (V4) fill them.
CREATE MATERIALIZED VIEW samples_1m
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT series_id,
       time_bucket(INTERVAL '1 minute', time) AS bucket,
       min(value)          AS min,
       max(value)          AS max,
       sum(value)          AS sum,
       count(*)            AS count,
       first(value, time)  AS first,
       last(value, time)   AS last,
       min(time)           AS first_time,
       max(time)           AS last_time
FROM samples
WHERE value <> 'NaN'::double precision
GROUP BY series_id, time_bucket(INTERVAL '1 minute', time)
WITH NO DATA;

CREATE MATERIALIZED VIEW samples_1h
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT series_id,
       time_bucket(INTERVAL '1 hour', bucket) AS bucket,
       min(min)                 AS min,
       max(max)                 AS max,
       sum(sum)                 AS sum,
       sum(count)::bigint       AS count,
       first(first, bucket)     AS first,
       last(last, bucket)       AS last,
       min(first_time)          AS first_time,
       max(last_time)           AS last_time
FROM samples_1m
GROUP BY series_id, time_bucket(INTERVAL '1 hour', bucket)
WITH NO DATA;
