package io.vigil.query.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How PromQL selections and metadata queries read the series catalogue and the sample tiers. */
@ConfigMapping(prefix = "vigil.query.storage")
public interface StorageConfig {
    /**
     * How far {@code series.last_seen} may lag behind a series' newest sample: the writer refreshes it at
     * most once per {@code vigil.writer.catalogue-refresh} (1 h), and samples may be up to 10 minutes in
     * the future. A series whose last_seen is older than the selected range start minus this has no data
     * in the range and is not read.
     */
    @WithDefault("2h")
    Duration lastSeenSlack();

    /**
     * How far a series' oldest sample may precede {@code series.first_seen} (the wall-clock time the
     * writer first stored it): the ingest's accepted lateness (2 days) plus a margin. Used by the
     * metadata queries only; series data is never filtered on first_seen, so a backfill older than this
     * is still queryable, only missing from series/label listings of its old range.
     */
    @WithDefault("49h")
    Duration firstSeenSlack();

    /**
     * The most catalogue rows one selector may scan when some matchers (regexes, negations) can only be
     * checked in Java after SQL narrowed the candidates; more is refused with a request to narrow the
     * selector, so a hostile {@code {job=~".+"}} cannot pull the whole catalogue into memory.
     */
    @WithDefault("200000")
    int maxCatalogueCandidates();

    /** Rows fetched per round trip when reading samples, so a refused query stops early. */
    @WithDefault("20000")
    int fetchSize();
}
