-- Raw samples. One-day chunks: retention drops whole chunks, so raw data lives between 7 and 8 days.
CREATE TABLE samples (
    time      timestamptz      NOT NULL,
    series_id bigint           NOT NULL,
    value     double precision NOT NULL
);

SELECT create_hypertable('samples', by_range('time', INTERVAL '1 day'), create_default_indexes => false);

-- Makes redelivered Kafka batches harmless: the writer inserts with ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX samples_series_time_idx ON samples (series_id, time DESC);
