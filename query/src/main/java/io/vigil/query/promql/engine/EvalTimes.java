package io.vigil.query.promql.engine;

/**
 * The evaluation instants of one (sub)query: {@code start}, {@code start + step}, … up to {@code end}.
 * An instant query has one instant ({@code step} 0).
 */
public record EvalTimes(long start, long end, long step) {
    public static EvalTimes instant(long time) {
        return new EvalTimes(time, time, 0);
    }

    public int count() {
        return step == 0 ? 1 : (int) ((end - start) / step) + 1;
    }

    public long time(int i) {
        return start + i * step;
    }
}
