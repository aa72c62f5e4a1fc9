package io.vigil.query.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.cache.LateSampleMarks;
import io.vigil.promql.ast.Expr;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryLimits;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Range queries answered from cached closed blocks plus a fresh computation of the rest.
 *
 * <pre>{@code
 * QueryResult r = cached.range(expr, 0, end, 60_000, (s, e, st) -> engine.range(query, s, e, st, limits));
 * }</pre>
 *
 * <p>Only the first missing block onwards is computed, in one evaluation (so one SQL per selector);
 * the closed blocks of that computation are stored for the next query. Queries whose data window is
 * pinned by {@code @} are computed without the cache.
 */
@ApplicationScoped
public class CachedRangeQueries {
    private static final String KEY_PREFIX = "vigil:blk:v1:";

    private final BlockCache cache;
    private final CacheConfig config;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypassed;
    private final Timer cachedTimer;
    private final Timer partialTimer;
    private final Timer uncachedTimer;

    CachedRangeQueries(BlockCache cache, CacheConfig config, MeterRegistry registry) {
        this.cache = cache;
        this.config = config;
        this.hits = registry.counter("vigil_query_cache_blocks_total", "result", "hit");
        this.misses = registry.counter("vigil_query_cache_blocks_total", "result", "miss");
        this.bypassed = registry.counter("vigil_query_cache_queries_bypassed_total");
        this.cachedTimer = latency(registry, "hit");
        this.partialTimer = latency(registry, "partial");
        this.uncachedTimer = latency(registry, "miss");
    }

    private static Timer latency(MeterRegistry registry, String cache) {
        return Timer.builder("vigil_query_range_duration_seconds").tag("cache", cache)
                .description("Range query evaluation time by how much of it the block cache answered")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    /**
     * A PromQL range query through the cache ({@code bypass}: straight to the engine, as asked by a
     * {@code Cache-Control: no-cache} request). Blocks computed whole may reach past [start, end]; the
     * points limit is widened by exactly that overhang, so the caller's limit still applies to the answer.
     */
    public QueryResult range(PromqlEngine engine, String query, long start, long end, long step, QueryLimits limits,
            boolean bypass) {
        if (bypass || !config.enabled()) {
            bypassed.increment();
            long t0 = System.nanoTime();
            return timed(uncachedTimer, t0, engine.range(query, start, end, step, limits));
        }
        long asked = (end - start) / step + 1;
        return range(engine.parse(query), start, end, step, (s, e, st) -> {
            long extra = Math.max(0, (e - s) / st + 1 - asked);
            QueryLimits widened = new QueryLimits(limits.maxSeries(), limits.maxSamples(),
                    (int) Math.min(Integer.MAX_VALUE, limits.maxResultPoints() + extra), limits.timeout());
            return engine.range(query, s, e, st, widened);
        });
    }

    public QueryResult range(Expr expr, long start, long end, long step, RangeEvaluator evaluator) {
        long t0 = System.nanoTime();
        DataWindow window = config.enabled() ? DataWindow.of(expr, config.lookback().toMillis()) : null;
        if (window == null) {
            bypassed.increment();
            return timed(uncachedTimer, t0, evaluator.range(start, end, step));
        }
        long now = System.currentTimeMillis();
        BlockPlan plan = BlockPlan.of(start, end, step, window, now);
        List<BlockPlan.Block> closed = plan.closed();
        if (closed.isEmpty()) {
            return timed(uncachedTimer, t0, evaluator.range(start, end, step));
        }
        long[] newestMarks = new long[closed.size()];
        String[] keys = keys(expr.toString(), plan, newestMarks);
        Map<String, byte[]> found = keys == null ? null : cache.get(keys);
        List<BlockCodec.Decoded> cachedBlocks = new ArrayList<>();
        int firstMissing = 0;
        while (found != null && firstMissing < closed.size() && found.containsKey(keys[firstMissing])) {
            BlockPlan.Block b = closed.get(firstMissing);
            try {
                cachedBlocks.add(BlockCodec.decode(found.get(keys[firstMissing]), b.start(), step));
            } catch (IllegalArgumentException corrupt) {
                break;
            }
            firstMissing++;
        }
        if (found != null) {
            hits.increment(firstMissing);
            misses.increment(closed.size() - firstMissing);
        }
        ResultAssembly answer = new ResultAssembly(start, end);
        for (BlockCodec.Decoded block : cachedBlocks) {
            answer.add(block.series(), block.tier());
        }
        long lastClosed = closed.get(closed.size() - 1).last();
        long computeFrom = firstMissing < closed.size() ? closed.get(firstMissing).start() : lastClosed + step;
        long computeTo = firstMissing < closed.size() ? Math.max(end, lastClosed) : end;
        List<String> warnings = List.of();
        if (computeFrom <= computeTo) {
            QueryResult fresh = evaluator.range(computeFrom, computeTo, step);
            warnings = fresh.warnings();
            List<QueryValue.Series> series = ((QueryValue.Matrix) fresh.value()).series();
            answer.add(series, fresh.tier());
            if (keys != null && fresh.warnings().isEmpty()) {
                store(closed, keys, newestMarks, firstMissing, series, fresh.tier(), step, now);
            }
        }
        boolean allCached = firstMissing == closed.size() && lastClosed >= end;
        QueryResult result = new QueryResult(answer.matrix(), answer.tier(), allCached, warnings);
        return timed(allCached ? cachedTimer : firstMissing > 0 ? partialTimer : uncachedTimer, t0, result);
    }

    /**
     * Cache keys of the closed blocks, and in {@code marks} the newest late mark each block depends on;
     * null when the late marks cannot be read (then nothing is cached).
     */
    private String[] keys(String normalized, BlockPlan plan, long[] newestMarks) {
        List<BlockPlan.Block> closed = plan.closed();
        long firstHour = closed.get(0).firstHour();
        long lastHour = closed.get(closed.size() - 1).lastHour();
        int hourCount = (int) ((lastHour - firstHour) / LateSampleMarks.GRANULE_MILLIS) + 1;
        long[] hours = new long[hourCount];
        for (int i = 0; i < hourCount; i++) {
            hours[i] = firstHour + i * LateSampleMarks.GRANULE_MILLIS;
        }
        long[] marks = cache.marks(hours);
        if (marks == null) {
            return null;
        }
        String[] keys = new String[closed.size()];
        for (int b = 0; b < closed.size(); b++) {
            BlockPlan.Block block = closed.get(b);
            long newest = 0;
            for (int h = (int) ((block.firstHour() - firstHour) / LateSampleMarks.GRANULE_MILLIS);
                    h < hourCount && hours[h] <= block.lastHour(); h++) {
                newest = Math.max(newest, marks[h]);
            }
            newestMarks[b] = newest;
            keys[b] = key(normalized, plan.step(), plan.width(), block.start(), newest);
        }
        return keys;
    }

    /**
     * Stores the computed closed blocks. A block answered from a rollup tier whose hours were marked
     * late less than {@code rollup-settle} ago is not stored: the continuous aggregates are refreshed on
     * a schedule and may not contain the late samples yet. Raw answers are stored at once, since a mark
     * is set only after its samples were committed.
     */
    private void store(List<BlockPlan.Block> closed, String[] keys, long[] newestMarks, int from,
            List<QueryValue.Series> series, String tier, long step, long now) {
        Duration ttl = ttl(tier);
        boolean fromRollups = tier != null && !tier.equals("raw");
        for (int b = from; b < closed.size(); b++) {
            if (fromRollups && now - newestMarks[b] < config.rollupSettle().toMillis()) {
                continue;
            }
            BlockPlan.Block block = closed.get(b);
            cache.put(keys[b], BlockCodec.encode(tier, ResultAssembly.slice(series, block.start(), block.last()),
                    block.start(), step), ttl);
        }
    }

    private Duration ttl(String tier) {
        if (tier == null || tier.equals("raw")) {
            return config.ttlRaw();
        }
        return tier.equals("1m") ? config.ttl1m() : config.ttl1h();
    }

    private String key(String normalized, long step, long width, long blockStart, long mark) {
        String text = normalized + '\u0000' + step + '\u0000' + width + '\u0000' + blockStart + '\u0000' + mark
                + '\u0000' + config.lookback().toMillis();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return KEY_PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueryResult timed(Timer timer, long t0, QueryResult result) {
        timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        return result;
    }
}
