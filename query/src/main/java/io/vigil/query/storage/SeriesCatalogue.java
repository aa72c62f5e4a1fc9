package io.vigil.query.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.vigil.query.range.LimitExceededException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a metric and exact label matches to series ids on the catalogue (GIN index on labels),
 * and assigns each series to its group by the grouping labels.
 */
@ApplicationScoped
public class SeriesCatalogue {
    static final String MATCH = "SELECT id, labels::text FROM series WHERE metric_name = ? AND labels @> ?::jsonb LIMIT ?";
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    SeriesCatalogue(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public MatchedSeries match(String metric, Map<String, String> matchers, List<String> by, int maxSeries)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        List<Map<String, String>> groups = new ArrayList<>();
        Map<Map<String, String>, Integer> groupIndex = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MATCH)) {
            ps.setString(1, metric);
            ps.setString(2, json.writeValueAsString(matchers));
            ps.setInt(3, maxSeries + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ids.size() == maxSeries) {
                        throw new LimitExceededException("the query matches more than " + maxSeries
                                + " series; narrow it with match=label:value");
                    }
                    Map<String, String> labels = json.readValue(rs.getString(2), LABELS);
                    Map<String, String> key = new LinkedHashMap<>();
                    for (String b : by) {
                        String v = labels.get(b);
                        if (v != null) {
                            key.put(b, v);
                        }
                    }
                    Integer g = groupIndex.get(key);
                    if (g == null) {
                        g = groups.size();
                        groups.add(key);
                        groupIndex.put(key, g);
                    }
                    ids.add(rs.getLong(1));
                    groupOf.add(g);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("catalogue labels are not JSON", e);
        }
        return new MatchedSeries(ids.stream().mapToLong(Long::longValue).toArray(),
                groupOf.stream().mapToInt(Integer::intValue).toArray(), groups);
    }
}
