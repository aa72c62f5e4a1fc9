package io.vigil.query.range;

import java.util.List;
import java.util.Map;

/**
 * The answer of the range API. Points are {@code [unix seconds, value]}; only buckets holding at
 * least one sample appear. {@code tier} names the storage tier that answered (raw, 1m, 1h), {@code step}
 * the step in seconds actually used (rounded up when a rollup tier had to answer a finer step), and
 * {@code cached} whether the answer came from the Redis result cache.
 */
public record RangeResult(String metric, Map<String, String> match, String aggregation, List<String> by, String tier,
        boolean cached, Number start, Number end, Number step, List<Series> series) {

    public record Series(Map<String, String> labels, List<List<Number>> points) {
    }
}
