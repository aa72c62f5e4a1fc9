package io.vigil.query.storage;

import io.agroal.api.AgroalDataSource;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.SeriesData;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data of the matched series of one selection from one tier, in one statement.
 *
 * <p>Raw: every sample with time in [min, max], staleness markers included. A NaN's bits are read with
 * {@code float8send} rather than as a double: in pgjdbc's text format every NaN arrives as "NaN" and
 * would lose the staleness marker's payload ({@link SeriesData#STALE_NAN_BITS}).
 *
 * <p>Rollup: every bucket that overlaps [min, max] as {@link SeriesData.Rollup} (edge buckets include
 * samples outside the range: the evaluator decides what to do with them), and as points the first and
 * the last sample of each bucket at their own times, where those lie in [min, max]. Rollups hold no
 * staleness markers (the aggregates leave NaN out).
 *
 * <p>Every row read counts against the query's sample limit; the read stops at the first row over it.
 */
@ApplicationScoped
public class SampleReader {
    private static final String RAW = """
            SELECT series_id, (extract(epoch FROM time) * 1000)::bigint, value,
                   CASE WHEN value = 'NaN'::float8 THEN float8send(value) END
            FROM samples WHERE series_id = ANY(?) AND time >= ? AND time <= ?
            ORDER BY series_id, time""";

    private static final String ROLLUP = """
            SELECT series_id, (extract(epoch FROM bucket) * 1000)::bigint, min, max, sum, count, first, last,
                   (extract(epoch FROM first_time) * 1000)::bigint, (extract(epoch FROM last_time) * 1000)::bigint
            FROM %s WHERE series_id = ANY(?) AND bucket > ? AND bucket <= ?
            ORDER BY series_id, bucket""";

    private final AgroalDataSource dataSource;
    private final StorageConfig config;

    SampleReader(AgroalDataSource dataSource, StorageConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The data of each series that has any in the range, in the order of {@code series}. */
    public List<SeriesData> read(Tier tier, List<SeriesLookup.Found> series, long minMillis, long maxMillis,
            QueryContext context) {
        if (series.isEmpty() || minMillis > maxMillis) {
            return List.of();
        }
        long[] ids = new long[series.size()];
        Map<Long, SeriesDataBuilder> builders = new HashMap<>(series.size() * 2);
        for (int i = 0; i < ids.length; i++) {
            SeriesLookup.Found f = series.get(i);
            ids[i] = f.id();
            builders.put(f.id(), new SeriesDataBuilder(f.labels(), tier));
        }
        long bucket = tier.bucket().toMillis();
        String sql = tier == Tier.RAW ? RAW : ROLLUP.formatted(tier.relation());
        List<Object> params = List.of(ids, ReadQuery.time(tier == Tier.RAW ? minMillis : minMillis - bucket),
                ReadQuery.time(maxMillis));
        long[] rows = {0};
        SeriesDataBuilder[] current = {null};
        long[] currentId = {0};
        ReadQuery.run(dataSource, sql, params, config.fetchSize(), rs -> {
            long id = rs.getLong(1);
            if (current[0] == null || id != currentId[0]) {
                current[0] = builders.get(id);
                currentId[0] = id;
            }
            context.addSamples(1);
            if ((++rows[0] & 0xFFF) == 0) {
                context.checkDeadline();
            }
            if (tier == Tier.RAW) {
                current[0].point(rs.getLong(2), rawValue(rs));
            } else {
                rollupRow(rs, current[0], minMillis, maxMillis);
            }
            return true;
        });
        context.checkDeadline();
        List<SeriesData> out = new ArrayList<>(series.size());
        for (long id : ids) {
            SeriesDataBuilder b = builders.get(id);
            if (!b.isEmpty()) {
                out.add(b.build());
            }
        }
        return out;
    }

    private static double rawValue(ResultSet rs) throws SQLException {
        byte[] nanBits = rs.getBytes(4);
        return nanBits == null ? rs.getDouble(3) : Double.longBitsToDouble(ByteBuffer.wrap(nanBits).getLong());
    }

    private static void rollupRow(ResultSet rs, SeriesDataBuilder b, long minMillis, long maxMillis)
            throws SQLException {
        b.bucket(rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6));
        long firstTime = rs.getLong(9);
        long lastTime = rs.getLong(10);
        if (firstTime >= minMillis && firstTime <= maxMillis) {
            b.point(firstTime, rs.getDouble(7));
        }
        if (lastTime != firstTime && lastTime >= minMillis && lastTime <= maxMillis) {
            b.point(lastTime, rs.getDouble(8));
        }
    }
}
