package io.vigil.query.storage;

/**
 * Picks the tier that answers a range query: the coarsest tier whose bucket divides the step (so each
 * step bucket is made of whole rollup buckets and the answer is exact) and whose retention covers the
 * whole range. When no tier fits exactly (a step that is not a multiple of one minute over data older
 * than the raw retention), the finest tier that still holds the range answers, with the step rounded
 * up to a multiple of its bucket; the answer reports the step it used.
 */
public final class TierSelector {
    private static final Tier[] COARSEST_FIRST = {Tier.ONE_HOUR, Tier.ONE_MINUTE, Tier.RAW};
    private static final Tier[] FINEST_FIRST = {Tier.RAW, Tier.ONE_MINUTE, Tier.ONE_HOUR};

    /** The chosen tier and the step (ms) it answers with. */
    public record Choice(Tier tier, long stepMillis) {
    }

    private TierSelector() {
    }

    public static Choice select(long startMillis, long stepMillis, long nowMillis) {
        for (Tier tier : COARSEST_FIRST) {
            long bucket = tier.bucket().toMillis();
            boolean fits = bucket == 0 || stepMillis >= bucket && stepMillis % bucket == 0;
            if (fits && covers(tier, startMillis, nowMillis)) {
                return new Choice(tier, stepMillis);
            }
        }
        for (Tier tier : FINEST_FIRST) {
            if (covers(tier, startMillis, nowMillis)) {
                return new Choice(tier, roundUp(stepMillis, tier.bucket().toMillis()));
            }
        }
        return new Choice(Tier.ONE_HOUR, roundUp(stepMillis, Tier.ONE_HOUR.bucket().toMillis()));
    }

    static boolean covers(Tier tier, long startMillis, long nowMillis) {
        return startMillis >= nowMillis - tier.retention().toMillis();
    }

    private static long roundUp(long step, long bucket) {
        return bucket == 0 ? step : (step + bucket - 1) / bucket * bucket;
    }
}
