package io.vigil.ingest.gateway;

import java.util.List;

/**
 * What became of one push, for the endpoint to answer (see {@link PushResponses#status}).
 *
 * @param status          the overall result
 * @param samplesAccepted samples acknowledged by Kafka (they will be stored), whatever the status
 * @param seriesAccepted  series entries with at least one accepted sample
 * @param rejected        items refused for their content (a series with all its samples, or a sample)
 * @param rejectReasons   the reasons of the first {@link PushBatch#MAX_LISTED_REASONS} refusals
 * @param limitedSeries   new series refused by the per-metric new-series limit
 * @param limitedMetrics  the metrics those series belong to (the first few)
 * @param message         why the whole request was refused (TOO_LARGE, UNAVAILABLE), else null
 */
public record PushOutcome(Status status, int samplesAccepted, int seriesAccepted, int rejected, List<String> rejectReasons,
        int limitedSeries, List<String> limitedMetrics, String message) {

    public enum Status {
        /** Everything was stored. */
        STORED,
        /** Valid items were stored, some were refused for their content. */
        PARTIAL,
        /** Valid items were stored, new series of some metrics were refused by the new-series limit. */
        SERIES_LIMITED,
        /** Nothing was stored: the request is larger than allowed. */
        TOO_LARGE,
        /** Nothing is known to be stored: Kafka is down or slow, or the gateway is saturated; retry. */
        UNAVAILABLE
    }

    static PushOutcome refused(Status status, String message) {
        return new PushOutcome(status, 0, 0, 0, List.of(), 0, List.of(), message);
    }
}
