package io.vigil.query.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Step-bucketed partial aggregates (min, max, sum, count) per group, computed in SQL from one tier.
 * From the raw tier they come from the samples; from a rollup tier they combine whole rollup buckets,
 * so avg = sum/count, min, max, sum and count equal what the raw samples give. Buckets are aligned to
 * multiples of the step since the Unix epoch.
 */
@ApplicationScoped
public class RangeStore {
    private static final String RAW = """
            SELECT g.grp, (extract(epoch FROM time_bucket(make_interval(secs => ?), s.time, TIMESTAMPTZ 'epoch')) * 1000)::bigint AS b,
                   min(s.value), max(s.value), sum(s.value), count(*)
            FROM samples s JOIN unnest(?::bigint[], ?::int[]) AS g(id, grp) ON s.series_id = g.id
            WHERE s.series_id = ANY(?::bigint[]) AND s.time >= ? AND s.time < ? AND s.value <> 'NaN'::float8
            GROUP BY g.grp, b ORDER BY g.grp, b""";

    private static final String ROLLUP = """
            SELECT g.grp, (extract(epoch FROM time_bucket(make_interval(secs => ?), r.bucket, TIMESTAMPTZ 'epoch')) * 1000)::bigint AS b,
                   min(r.min), max(r.max), sum(r.sum), sum(r.count)::bigint
            FROM %s r JOIN unnest(?::bigint[], ?::int[]) AS g(id, grp) ON r.series_id = g.id
            WHERE r.series_id = ANY(?::bigint[]) AND r.bucket >= ? AND r.bucket < ?
            GROUP BY g.grp, b ORDER BY g.grp, b""";

    private final AgroalDataSource dataSource;

    RangeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One step bucket of one group. */
    public record Bucket(int group, long startMillis, double min, double max, double sum, long count) {
    }

    /** Buckets starting in [fromMillis, toMillis), both multiples of the step. */
    public List<Bucket> aggregate(Tier tier, MatchedSeries series, long fromMillis, long toMillis, long stepMillis)
            throws SQLException {
        List<Bucket> buckets = new ArrayList<>();
        if (series.size() == 0) {
            return buckets;
        }
        String sql = tier == Tier.RAW ? RAW : ROLLUP.formatted(tier.relation());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            var pg = c.unwrap(org.postgresql.PGConnection.class);
            ps.setDouble(1, stepMillis / 1000.0);
            ps.setArray(2, pg.createArrayOf("int8", series.ids()));
            ps.setArray(3, pg.createArrayOf("int4", series.groupOf()));
            ps.setArray(4, pg.createArrayOf("int8", series.ids()));
            ps.setObject(5, OffsetDateTime.ofInstant(Instant.ofEpochMilli(fromMillis), ZoneOffset.UTC));
            ps.setObject(6, OffsetDateTime.ofInstant(Instant.ofEpochMilli(toMillis), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new Bucket(rs.getInt(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getLong(6)));
                }
            }
        }
        return buckets;
    }
}
