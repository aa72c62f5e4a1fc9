package io.vigil.wire.exposition;

import java.util.Locale;

/** The two text formats {@link ExpositionParser} reads. */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}): lenient, invalid lines are skipped. */
    PROMETHEUS_TEXT,
    /** OpenMetrics 1.0 text ({@code application/openmetrics-text}): strict, the first error fails the whole body. */
    OPENMETRICS;

    /**
     * The format a Content-Type names: OpenMetrics for {@code application/openmetrics-text}, the Prometheus
     * text format for anything else (as Prometheus and the Pushgateway fall back to it), null for the
     * protobuf exposition formats this parser does not read.
     */
    public static ExpositionFormat fromContentType(String contentType) {
        if (contentType == null) {
            return PROMETHEUS_TEXT;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (media.equals("application/openmetrics-text")) {
            return OPENMETRICS;
        }
        if (media.equals("application/vnd.google.protobuf") || media.equals("application/x-protobuf")
                || media.equals("application/openmetrics-protobuf")) {
            return null;
        }
        return PROMETHEUS_TEXT;
    }
}
