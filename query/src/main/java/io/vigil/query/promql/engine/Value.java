package io.vigil.query.promql.engine;

import io.vigil.query.promql.SeriesData;
import java.util.List;

/** What an expression evaluates to over all steps of its {@link EvalTimes}. */
sealed interface Value {
    /** A scalar per step. */
    record Scalar(double[] values) implements Value {
    }

    record Text(String value) implements Value {
    }

    /** An instant vector per step. */
    record Vector(List<StepSeries> series) implements Value {
    }

    /**
     * A range vector: per series its points, and per step the end of the window {@code (end - range,
     * end]} that the step looks at; {@code offsetMillis} is the selector's offset (window end plus
     * offset is the time the step evaluates at, after {@code @}).
     */
    record Range(List<SeriesData> series, long rangeMillis, long[] windowEnds, long offsetMillis) implements Value {
    }
}
