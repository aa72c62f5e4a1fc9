package io.vigil.query.cache;

import io.vigil.cache.LateSampleMarks;
import java.util.ArrayList;
import java.util.List;

/**
 * How a range query splits into cacheable blocks. Blocks are aligned to multiples of their width
 * since the epoch, so every query with the same step shares them; the width is a whole number of steps
 * near ten minutes for fine steps (answered from raw samples; short blocks keep the always-computed
 * open edge of a dashboard that ends "now" small) and near one day for steps of five minutes or more
 * (answered from rollups). A block is closed when the newest sample any of its points can read
 * is older than the query settle time: only closed blocks are cached, the open edge is always computed.
 */
public final class BlockPlan {
    private static final long FINE_BLOCK = 600_000L;
    private static final long DAY = 24 * 3_600_000L;

    /** One block: result points at {@code start, start + step, …, last}. */
    public record Block(long start, long last, long firstHour, long lastHour) {
    }

    private final long step;
    private final long width;
    private final List<Block> closed;

    private BlockPlan(long step, long width, List<Block> closed) {
        this.step = step;
        this.width = width;
        this.closed = closed;
    }

    /**
     * The closed blocks that overlap [start, end]; the first may begin before start and the last may
     * end after end (they are computed whole, so they can be shared, and trimmed when answering).
     * Points sit at {@code phase + k * step} where phase = start mod step (the native range API
     * evaluates 1 ms before bucket boundaries); blocks are aligned the same way.
     */
    public static BlockPlan of(long start, long end, long step, DataWindow window, long nowMillis) {
        long width = widthFor(step);
        long closedBefore = nowMillis - LateSampleMarks.QUERY_SETTLE_MILLIS;
        List<Block> blocks = new ArrayList<>();
        long phase = Math.floorMod(start, step);
        for (long b = Math.floorDiv(start - phase, width) * width + phase; b <= end; b += width) {
            long last = b + width - step;
            if (last + window.aheadMillis() >= closedBefore) {
                break;
            }
            blocks.add(new Block(b, last, LateSampleMarks.granuleOf(b - window.behindMillis()),
                    LateSampleMarks.granuleOf(last + window.aheadMillis())));
        }
        return new BlockPlan(step, width, blocks);
    }

    /** Block width for a step: a whole number of steps, about ten minutes below 5 minutes, about a day above. */
    static long widthFor(long step) {
        long target = step < 5 * 60_000L ? FINE_BLOCK : DAY;
        return step * Math.max(1, (target + step - 1) / step);
    }

    public long step() {
        return step;
    }

    public long width() {
        return width;
    }

    public List<Block> closed() {
        return closed;
    }
}
