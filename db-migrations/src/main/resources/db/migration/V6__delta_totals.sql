-- Running totals of delta series (OTLP delta temporality, e.g. from scale-to-zero functions whose
-- every invocation counts from zero). The writer adds each delta sample to the series' total and
-- stores the total as the sample's value, in the same transaction as the samples, so the stored
-- series is an ordinary counter for rate() and increase(). A delta at or before last_time is not
-- added again: that is what makes a redelivered Kafka batch or a resent request harmless.
-- A row may be deleted once its series is idle: the series then restarts from 0, which rate() and
-- increase() treat as a counter reset.
CREATE TABLE delta_totals (
    series_id bigint           PRIMARY KEY,
    last_time timestamptz      NOT NULL,
    total     double precision NOT NULL
);
