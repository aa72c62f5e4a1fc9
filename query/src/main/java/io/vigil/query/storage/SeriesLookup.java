package io.vigil.query.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a selector to series on the catalogue: SQL narrows the candidates ({@link CatalogueFilter}),
 * then every candidate is checked against every matcher in Java ({@link CompiledSelector}).
 */
@ApplicationScoped
public class SeriesLookup {
    private static final TypeReference<HashMap<String, String>> LABELS = new TypeReference<>() {
    };

    /** One matching series: its catalogue id and labels, the metric name as {@code __name__}. */
    public record Found(long id, LabelSet labels) {
    }

    /**
     * Which catalogue rows may have data in a time range: {@code last_seen >= lastSeenFrom} and {@code
     * first_seen <= firstSeenTo} (either null for no bound). The caller adds the slack of each column.
     */
    public record Window(Instant lastSeenFrom, Instant firstSeenTo) {
        public static final Window ANY = new Window(null, null);
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final StorageConfig config;

    SeriesLookup(AgroalDataSource dataSource, ObjectMapper json, StorageConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.config = config;
    }

    /**
     * The series matching the selector in the window, at most {@code cap + 1} of them, so the caller can
     * tell "more than cap" (an error for a query, a truncation for a listing).
     *
     * @throws QueryException EXECUTION when more than {@code max-catalogue-candidates} rows had to be
     *         checked in Java
     */
    public List<Found> find(CompiledSelector selector, Window window, int cap, QueryContext context) {
        CatalogueFilter filter = CatalogueFilter.of(selector);
        List<Object> params = new ArrayList<>(filter.params());
        StringBuilder sql = new StringBuilder("SELECT id, metric_name, labels::text FROM series WHERE ")
                .append(filter.where());
        if (window.lastSeenFrom() != null) {
            sql.append(" AND last_seen >= ?");
            params.add(window.lastSeenFrom());
        }
        if (window.firstSeenTo() != null) {
            sql.append(" AND first_seen <= ?");
            params.add(window.firstSeenTo());
        }
        int maxCandidates = config.maxCatalogueCandidates();
        long rowLimit = filter.exact() ? (long) cap + 1 : (long) Math.max(cap, maxCandidates) + 1;
        sql.append(" LIMIT ?");
        params.add(rowLimit);

        List<Found> found = new ArrayList<>();
        DeadlineText text = new DeadlineText(context);
        int[] candidates = {0};
        ReadQuery.run(dataSource, sql.toString(), params, config.fetchSize(), rs -> {
            if (++candidates[0] > maxCandidates && !filter.exact()) {
                throw new QueryException(QueryException.Kind.EXECUTION, "selector " + selector + " needs more than "
                        + maxCandidates + " catalogue series checked against its regex or negative matchers (limit "
                        + "vigil.query.storage.max-catalogue-candidates); add an exact matcher such as the metric name");
            }
            LabelSet labels = labels(rs.getString(2), rs.getString(3));
            if (selector.matches(labels, text)) {
                found.add(new Found(rs.getLong(1), labels));
            }
            return found.size() <= cap;
        });
        context.checkDeadline();
        return found;
    }

    private LabelSet labels(String metricName, String labelsJson) {
        try {
            Map<String, String> map = json.readValue(labelsJson, LABELS);
            map.put(LabelSet.NAME, metricName);
            return LabelSet.of(map);
        } catch (JsonProcessingException e) {
            throw new QueryException(QueryException.Kind.INTERNAL, "catalogue labels are not a JSON object of strings: "
                    + labelsJson, e);
        }
    }
}
