-- Refresh, retention and compression policies. They are chosen together (see db-migrations/README.md):
--
--   ingest accepts samples at most 2 days old (vigil.gateway.max-sample-age)
--   < 1m refresh window start (3 days: 1 day of margin for a writer that fell behind)
--   < raw retention (7 days, whole 1-day chunks)           -- never refresh where raw rows were dropped,
--                                                              it would delete the rollup buckets
--   1h refresh window start (4 days) > 1m window start      -- so every 1m change is rolled up
--   < 1m retention (30 days, 1-day chunks)
--   1h retention 365 days.
--
-- On the embedded server there is no background worker: the ingest writer runs these jobs itself
-- (vigil.writer.run-policy-jobs); on a real TimescaleDB server its scheduler does.

SELECT set_chunk_time_interval('samples_1m', INTERVAL '1 day');
SELECT set_chunk_time_interval('samples_1h', INTERVAL '30 days');

SELECT add_continuous_aggregate_policy('samples_1m',
    start_offset      => INTERVAL '3 days',
    end_offset        => INTERVAL '1 minute',
    schedule_interval => INTERVAL '1 minute');

SELECT add_continuous_aggregate_policy('samples_1h',
    start_offset      => INTERVAL '4 days',
    end_offset        => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes');

ALTER TABLE samples SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'series_id',
    timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('samples', compress_after => INTERVAL '3 days');

SELECT add_retention_policy('samples',    drop_after => INTERVAL '7 days');
SELECT add_retention_policy('samples_1m', drop_after => INTERVAL '30 days');
SELECT add_retention_policy('samples_1h', drop_after => INTERVAL '365 days');
