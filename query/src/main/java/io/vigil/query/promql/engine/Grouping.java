package io.vigil.query.promql.engine;

import io.vigil.query.promql.LabelSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The groups of an aggregation, computed once per series (labels do not change between steps):
 * {@code by (l…)} keeps only the listed labels, {@code without (l…)} drops them and the metric name.
 */
final class Grouping {
    final List<LabelSet> keys = new ArrayList<>();
    final List<int[]> members = new ArrayList<>();

    Grouping(List<StepSeries> series, List<String> labels, boolean without) {
        Set<String> names = new HashSet<>(labels);
        Map<LabelSet, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            LabelSet key = key(series.get(i).labels, names, without);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        groups.forEach((key, list) -> {
            keys.add(key);
            members.add(list.stream().mapToInt(Integer::intValue).toArray());
        });
    }

    static LabelSet key(LabelSet labels, Set<String> names, boolean without) {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            boolean listed = names.contains(name);
            if (without ? !listed && !name.equals(LabelSet.NAME) : listed) {
                map.put(name, labels.value(i));
            }
        }
        return LabelSet.of(map);
    }
}
