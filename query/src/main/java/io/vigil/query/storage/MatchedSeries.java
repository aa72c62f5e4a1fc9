package io.vigil.query.storage;

import java.util.List;
import java.util.Map;

/**
 * The series a query touches, split into groups: {@code ids[i]} belongs to group {@code groupOf[i]},
 * whose labels (the grouping labels only) are {@code groups.get(groupOf[i])}.
 */
public record MatchedSeries(long[] ids, int[] groupOf, List<Map<String, String>> groups) {
    public int size() {
        return ids.length;
    }
}
