package io.vigil.query.range;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Guards of the range API. */
@ConfigMapping(prefix = "vigil.query.limits")
public interface RangeLimits {
    /** Points per returned series ((end - start) / step); like Prometheus' 11,000. */
    @WithDefault("11000")
    int maxPointsPerSeries();

    /** Series one query may touch; more is answered 422 asking for narrower matchers. */
    @WithDefault("10000")
    int maxSeries();
}
