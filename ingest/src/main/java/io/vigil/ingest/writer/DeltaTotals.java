package io.vigil.ingest.writer;

import io.vigil.kafka.SeriesBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns delta series into running totals inside the writer's transaction (ingest/README.md, "Delta
 * temporality"). For each delta series of a poll: lock its {@code delta_totals} row, merge all its
 * samples of the poll in time order, drop those at or before the row's {@code last_time} (already
 * counted: a redelivered batch or a resent request) and those sharing a millisecond with an earlier
 * one, add each remaining delta to the total and store the total as the sample's value, then write
 * the row back. The caller commits all of it with the samples, or none of it.
 *
 * <p>A series always lands on one partition, so one writer owns it; the row lock only matters while
 * a rebalance briefly lets an old and a new owner overlap.
 */
final class DeltaTotals {
    static final String LOCK = """
            SELECT series_id, (extract(epoch FROM last_time) * 1000)::bigint, total
            FROM delta_totals WHERE series_id = ANY(?) ORDER BY series_id FOR UPDATE""";
    static final String UPSERT = """
            INSERT INTO delta_totals (series_id, last_time, total)
            SELECT u.id, 'epoch'::timestamptz + u.t * INTERVAL '1 millisecond', u.total
            FROM unnest(?::bigint[], ?::bigint[], ?::float8[]) AS u(id, t, total)
            ON CONFLICT (series_id) DO UPDATE SET last_time = EXCLUDED.last_time, total = EXCLUDED.total""";

    /** The batches to store (delta ones replaced by cumulative ones) and how many deltas were dropped. */
    record Result(List<SeriesBatch> batches, int droppedDeltas) {
    }

    private DeltaTotals() {
    }

    /** Skips colliding series (they are refused whole, so their deltas must not be counted). */
    static Result accumulate(Connection c, List<SeriesBatch> batches, Set<io.vigil.model.Labels> colliding)
            throws SQLException {
        Map<Long, List<SeriesBatch>> deltas = new LinkedHashMap<>();
        List<SeriesBatch> out = new ArrayList<>(batches.size());
        for (SeriesBatch b : batches) {
            if (b.delta() && b.count() > 0 && !colliding.contains(b.labels())) {
                deltas.computeIfAbsent(b.seriesId(), id -> new ArrayList<>(1)).add(b);
            } else {
                out.add(b);
            }
        }
        if (deltas.isEmpty()) {
            return new Result(batches, 0);
        }
        Map<Long, long[]> lastTimes = new HashMap<>();
        Map<Long, Double> totals = new HashMap<>();
        lock(c, deltas.keySet(), lastTimes, totals);
        int n = deltas.size();
        long[] ids = new long[n];
        long[] times = new long[n];
        double[] sums = new double[n];
        int updated = 0;
        int dropped = 0;
        for (Map.Entry<Long, List<SeriesBatch>> e : deltas.entrySet()) {
            long id = e.getKey();
            long[] last = lastTimes.get(id);
            long lastTime = last == null ? Long.MIN_VALUE : last[0];
            double total = totals.getOrDefault(id, 0.0);
            Samples s = Samples.merged(e.getValue());
            long[] ts = new long[s.count];
            double[] vs = new double[s.count];
            int kept = 0;
            for (int i = 0; i < s.count; i++) {
                long t = s.times[i];
                double v = s.values[i];
                if (t <= lastTime || !Double.isFinite(v)) {
                    dropped++;
                    continue;
                }
                total += v;
                lastTime = t;
                ts[kept] = t;
                vs[kept] = total;
                kept++;
            }
            if (kept > 0) {
                SeriesBatch first = e.getValue().get(0);
                out.add(new SeriesBatch(id, first.labels(), ts, vs, kept, false));
                ids[updated] = id;
                times[updated] = lastTime;
                sums[updated] = total;
                updated++;
            }
        }
        if (updated > 0) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setArray(1, BatchWriter.pgArray(c, "int8", Arrays.copyOf(ids, updated)));
                ps.setArray(2, BatchWriter.pgArray(c, "int8", Arrays.copyOf(times, updated)));
                ps.setArray(3, BatchWriter.pgArray(c, "float8", Arrays.copyOf(sums, updated)));
                ps.executeUpdate();
            }
        }
        return new Result(out, dropped);
    }

    private static void lock(Connection c, Set<Long> ids, Map<Long, long[]> lastTimes, Map<Long, Double> totals)
            throws SQLException {
        long[] array = new long[ids.size()];
        int i = 0;
        for (long id : ids) {
            array[i++] = id;
        }
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, BatchWriter.pgArray(c, "int8", array));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastTimes.put(rs.getLong(1), new long[] {rs.getLong(2)});
                    totals.put(rs.getLong(1), rs.getDouble(3));
                }
            }
        }
    }

    /** All samples of one series in a poll, in time order; of equal times the first received stays first. */
    private record Samples(long[] times, double[] values, int count) {
        static Samples merged(List<SeriesBatch> batches) {
            int count = 0;
            for (SeriesBatch b : batches) {
                count += b.count();
            }
            long[] ts = new long[count];
            double[] vs = new double[count];
            int n = 0;
            boolean sorted = true;
            for (SeriesBatch b : batches) {
                for (int i = 0; i < b.count(); i++) {
                    sorted &= n == 0 || ts[n - 1] <= b.timestamps()[i];
                    ts[n] = b.timestamps()[i];
                    vs[n] = b.values()[i];
                    n++;
                }
            }
            if (sorted) {
                return new Samples(ts, vs, count);
            }
            // Rare (out-of-order arrival within a poll): a stable sort of indexes by time.
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
            long[] sortedTs = new long[count];
            double[] sortedVs = new double[count];
            for (int i = 0; i < count; i++) {
                sortedTs[i] = ts[order[i]];
                sortedVs[i] = vs[order[i]];
            }
            return new Samples(sortedTs, sortedVs, count);
        }
    }
}
