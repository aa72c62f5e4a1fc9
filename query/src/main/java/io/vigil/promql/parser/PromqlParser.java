package io.vigil.promql.parser;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.VectorSelector;
import java.util.List;

/** TEMPORARY stub (branch wip/parser); removed when that branch is merged. */
public final class PromqlParser {
    private PromqlParser() {
    }

    public static VectorSelector parseSelector(String text) {
        return new VectorSelector(text, List.of(new LabelMatcher(LabelMatcher.METRIC_NAME, LabelMatcher.MatchType.EQUAL, text)),
                0, null);
    }
}
