package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.BinaryOp;
import io.vigil.promql.ast.VectorMatching;
import io.vigil.promql.ast.VectorMatching.Cardinality;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Vector/vector operations. Series match by their signature: the {@code on(…)} labels, or all labels
 * but the {@code ignoring(…)} ones and the metric name. Signatures and result labels depend only on
 * the series, so they are computed once; each step then only checks which candidates have a value.
 */
final class VectorMatcher {
    private VectorMatcher() {
    }

    static Value setOperation(Evaluator ev, Binary b, List<StepSeries> lhs, List<StepSeries> rhs) {
        VectorMatching vm = b.matching() == null ? VectorMatching.DEFAULT : b.matching();
        int steps = ev.steps();
        Map<LabelSet, List<StepSeries>> rhsBySig = bySignature(rhs, vm);
        List<StepSeries> out = new ArrayList<>();
        switch (b.op()) {
            case AND, UNLESS -> {
                boolean and = b.op() == BinaryOp.AND;
                for (StepSeries l : lhs) {
                    List<StepSeries> partners = rhsBySig.getOrDefault(signature(l.labels, vm), List.of());
                    StepSeries r = new StepSeries(l.labels, steps);
                    for (int i = 0; i < steps; i++) {
                        if (l.present[i] && anyPresent(partners, i) == and) {
                            r.set(i, l.values[i]);
                        }
                    }
                    if (!r.isEmpty()) {
                        out.add(r);
                    }
                }
            }
            case OR -> {
                out.addAll(lhs);
                Map<LabelSet, List<StepSeries>> lhsBySig = bySignature(lhs, vm);
                for (StepSeries s : rhs) {
                    List<StepSeries> blockers = lhsBySig.getOrDefault(signature(s.labels, vm), List.of());
                    StepSeries r = new StepSeries(s.labels, steps);
                    for (int i = 0; i < steps; i++) {
                        if (s.present[i] && !anyPresent(blockers, i)) {
                            r.set(i, s.values[i]);
                        }
                    }
                    if (!r.isEmpty()) {
                        out.add(r);
                    }
                }
                return new Value.Vector(SeriesMerger.merge(out));
            }
            default -> throw BinaryOps.bad("not a set operator: " + b.op().symbol());
        }
        return new Value.Vector(out);
    }

    /** Arithmetic and comparisons with one-to-one, many-to-one or one-to-many matching. */
    static Value binary(Evaluator ev, Binary b, List<StepSeries> lhs, List<StepSeries> rhs) {
        VectorMatching vm = b.matching() == null ? VectorMatching.DEFAULT : b.matching();
        if (vm.cardinality() == Cardinality.MANY_TO_MANY) {
            throw BinaryOps.bad("many-to-many only allowed for set operators");
        }
        boolean swapped = vm.cardinality() == Cardinality.ONE_TO_MANY;
        List<StepSeries> many = swapped ? rhs : lhs;
        List<StepSeries> one = swapped ? lhs : rhs;
        String oneSide = swapped ? "left" : "right";
        BinaryOp op = b.op();
        boolean comparison = op.isComparison();
        boolean dropName = !comparison || b.returnBool();
        int steps = ev.steps();

        Map<LabelSet, List<StepSeries>> oneBySig = bySignature(one, vm);
        Map<LabelSet, Integer> sigIndex = new HashMap<>();
        Map<LabelSet, StepSeries> out = new LinkedHashMap<>();
        Map<StepSeries, Map<StepSeries, StepSeries>> targets = new HashMap<>();
        int n = many.size();
        LabelSet[] sigs = new LabelSet[n];
        int[] sigOf = new int[n];
        for (int k = 0; k < n; k++) {
            sigs[k] = signature(many.get(k).labels, vm);
            Integer index = sigIndex.putIfAbsent(sigs[k], sigIndex.size());
            sigOf[k] = index == null ? sigIndex.size() - 1 : index;
        }
        int[] matchedAt = new int[sigIndex.size()];
        java.util.Arrays.fill(matchedAt, -1);
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < n; k++) {
                StepSeries m = many.get(k);
                if (!m.present[i]) {
                    continue;
                }
                StepSeries partner = presentPartner(oneBySig.get(sigs[k]), i, sigs[k], oneSide);
                if (partner == null) {
                    continue;
                }
                double l = swapped ? partner.values[i] : m.values[i];
                double r = swapped ? m.values[i] : partner.values[i];
                double value;
                if (!comparison) {
                    value = Arithmetic.apply(op, l, r);
                } else if (b.returnBool()) {
                    value = Arithmetic.compare(op, l, r) ? 1 : 0;
                } else if (Arithmetic.compare(op, l, r)) {
                    value = l;
                } else {
                    continue;
                }
                if (vm.cardinality() == Cardinality.ONE_TO_ONE) {
                    int s = sigOf[k];
                    if (matchedAt[s] == i) {
                        throw new QueryException(QueryException.Kind.EXECUTION,
                                "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    matchedAt[s] = i;
                }
                StepSeries target = targets.computeIfAbsent(m, key -> new HashMap<>()).computeIfAbsent(partner,
                        p -> out.computeIfAbsent(resultLabels(m.labels, p.labels, vm, dropName),
                                labels -> new StepSeries(labels, steps)));
                if (target.present[i]) {
                    throw new QueryException(QueryException.Kind.EXECUTION,
                            vm.cardinality() == Cardinality.ONE_TO_ONE ? SeriesMerger.DUPLICATE
                                    : "multiple matches for labels: grouping labels must ensure unique matches");
                }
                target.set(i, value);
            }
            ev.context.checkDeadline();
        }
        return new Value.Vector(new ArrayList<>(out.values()));
    }

    private static StepSeries presentPartner(List<StepSeries> candidates, int step, LabelSet sig, String side) {
        if (candidates == null) {
            return null;
        }
        StepSeries found = null;
        for (StepSeries c : candidates) {
            if (c.present[step]) {
                if (found != null) {
                    throw new QueryException(QueryException.Kind.EXECUTION, "found duplicate series for the match group "
                            + sig + " on the " + side + " hand-side of the operation: [" + found.labels + ", " + c.labels
                            + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
                found = c;
            }
        }
        return found;
    }

    private static boolean anyPresent(List<StepSeries> series, int step) {
        for (StepSeries s : series) {
            if (s.present[step]) {
                return true;
            }
        }
        return false;
    }

    private static Map<LabelSet, List<StepSeries>> bySignature(List<StepSeries> series, VectorMatching vm) {
        Map<LabelSet, List<StepSeries>> map = new HashMap<>();
        for (StepSeries s : series) {
            map.computeIfAbsent(signature(s.labels, vm), k -> new ArrayList<>()).add(s);
        }
        return map;
    }

    static LabelSet signature(LabelSet labels, VectorMatching vm) {
        Set<String> names = new HashSet<>(vm.matchingLabels());
        return Grouping.key(labels, names, !vm.on());
    }

    /**
     * The labels of a result: the "many" side's, without the metric name for arithmetic and bool; for
     * one-to-one only the {@code on} labels, or without the {@code ignoring} ones; for group_left/right
     * plus the listed labels copied from the "one" side.
     */
    private static LabelSet resultLabels(LabelSet many, LabelSet one, VectorMatching vm, boolean dropName) {
        TreeMap<String, String> map = many.toMap();
        if (dropName) {
            map.remove(LabelSet.NAME);
        }
        if (vm.cardinality() == Cardinality.ONE_TO_ONE) {
            if (vm.on()) {
                map.keySet().retainAll(new HashSet<>(vm.matchingLabels()));
            } else {
                vm.matchingLabels().forEach(map::remove);
            }
        } else {
            for (String name : vm.include()) {
                String v = one.get(name);
                if (v == null) {
                    map.remove(name);
                } else {
                    map.put(name, v);
                }
            }
        }
        return LabelSet.of(map);
    }
}
