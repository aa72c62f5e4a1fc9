package io.vigil.query.api.prometheus;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code match[]} parameters: series selectors such as {@code up{job="api"}}, each a list of matchers. */
public final class Selectors {
    /** More selectors than any dashboard sends; bounds the SQL a request can cause. */
    public static final int MAX_SELECTORS = 100;

    private Selectors() {
    }

    public static List<List<LabelMatcher>> parse(List<String> texts, int maxLength) {
        if (texts.size() > MAX_SELECTORS) {
            throw ApiParams.invalid("match[]", texts.size() + " selectors, more than the limit of " + MAX_SELECTORS);
        }
        List<List<LabelMatcher>> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text.length() > maxLength) {
                throw ApiParams.invalid("match[]", "a selector of " + text.length() + " characters, more than the limit of "
                        + maxLength);
            }
            List<LabelMatcher> matchers;
            try {
                matchers = PromqlParser.parseSelector(text).matchers();
            } catch (PromqlParseException e) {
                throw ApiParams.invalid("match[]", e.getMessage());
            }
            if (matchers.stream().allMatch(Selectors::matchesEmpty)) {
                throw new QueryException(QueryException.Kind.BAD_DATA, "match[] must contain at least one non-empty matcher");
            }
            out.add(matchers);
        }
        return out;
    }

    /** Whether a matcher matches the empty string, i.e. also series without the label. */
    static boolean matchesEmpty(LabelMatcher m) {
        try {
            return switch (m.type()) {
                case EQUAL -> m.value().isEmpty();
                case NOT_EQUAL -> !m.value().isEmpty();
                case REGEX -> Pattern.compile(m.value()).matcher("").matches();
                case NOT_REGEX -> !Pattern.compile(m.value()).matcher("").matches();
            };
        } catch (PatternSyntaxException e) {
            throw ApiParams.invalid("match[]", "invalid regular expression " + PromTime.quote(m.value()));
        }
    }
}
