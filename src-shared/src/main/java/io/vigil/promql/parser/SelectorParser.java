package io.vigil.promql.parser;

import io.vigil.promql.ast.AtModifier;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Vector selectors ({@code name{label="value", …}}, {@code {"utf8.name", "my.label"=~"x"}}) and label
 * lists ({@code by (a, "b.c")}). The metric name, whether written before the braces or as a bare
 * quoted string inside them, becomes the first matcher ({@code __name__="…"}) and the selector's
 * {@code name}. Regular expressions are compiled here so a bad one is reported where it is written.
 */
final class SelectorParser {
    private final TokenCursor in;

    SelectorParser(TokenCursor in) {
        this.in = in;
    }

    /** A selector starting at {@code nameToken} (an identifier) or, when it is null, at a {@code "{"}. */
    Parsed selector(Token nameToken) {
        int start = in.peek().start();
        String name = null;
        if (nameToken != null) {
            name = in.next().text();
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        if (in.at(TokenKind.LEFT_BRACE)) {
            name = matchers(name, matchers);
        } else if (name == null) {
            throw in.unexpected(null, null);
        }
        if (name != null) {
            matchers.addFirst(new LabelMatcher(LabelMatcher.METRIC_NAME, MatchType.EQUAL, name));
        } else if (matchers.stream().allMatch(SelectorParser::matchesEmpty)) {
            throw in.error(start, "vector selector must contain at least one non-empty matcher");
        }
        return new Parsed(new VectorSelector(name, matchers, 0, AtModifier.NONE), start, 1);
    }

    /** Parses {@code {…}} into {@code out}; returns the metric name (given before or found inside), or null. */
    private String matchers(String nameBefore, List<LabelMatcher> out) {
        in.next();
        String name = nameBefore;
        while (!in.at(TokenKind.RIGHT_BRACE)) {
            Token label = in.peek();
            if (label.kind() == TokenKind.STRING && !isMatchOp(in.peek(1).kind())) {
                in.next();
                checkName(label, "metric name");
                if (name != null) {
                    throw in.error(label.start(), "metric name must not be set twice: \"" + name + "\" or \"" + label.value() + "\"");
                }
                name = label.value();
            } else {
                LabelMatcher m = matcher();
                if (m.name().equals(LabelMatcher.METRIC_NAME) && name != null) {
                    throw in.error(label.start(), "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
                }
                out.add(m);
            }
            if (in.at(TokenKind.COMMA)) {
                in.next();
            } else if (!in.at(TokenKind.RIGHT_BRACE)) {
                throw in.unexpected("label matching", "\",\" or \"}\"");
            }
        }
        in.next();
        if (name != null && out.stream().anyMatch(m -> m.name().equals(LabelMatcher.METRIC_NAME))) {
            String other = out.stream().filter(m -> m.name().equals(LabelMatcher.METRIC_NAME)).findFirst().get().value();
            throw in.error(in.peek().start(), "metric name must not be set twice: \"" + name + "\" or \"" + other + "\"");
        }
        return name;
    }

    private LabelMatcher matcher() {
        Token label = in.peek();
        String name;
        if (label.kind() == TokenKind.STRING) {
            checkName(label, "label name");
            name = label.value();
        } else if (label.kind() == TokenKind.IDENTIFIER && label.text().indexOf(':') < 0) {
            name = label.text();
        } else {
            throw in.unexpected("label matching", "identifier or \"}\"");
        }
        in.next();
        Token op = in.peek();
        MatchType type = switch (op.kind()) {
            case ASSIGN -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw in.unexpected("label matching", "label matching operator");
        };
        in.next();
        Token value = in.expect(TokenKind.STRING, "label matching", "string");
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            checkRegex(value);
        }
        return new LabelMatcher(name, type, value.value());
    }

    private void checkRegex(Token value) {
        try {
            Pattern.compile(value.value(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw in.error(value.start(), "invalid regular expression " + abbreviate(value.text()) + ": " + e.getDescription());
        } catch (StackOverflowError e) {
            // Java's regex compiler recurses per nesting level; a hostile pattern must not take the thread down.
            throw in.error(value.start(), "regular expression " + abbreviate(value.text()) + " is nested too deeply");
        }
    }

    /** True when the matcher also matches series that lack the label (it matches the empty string). */
    static boolean matchesEmpty(LabelMatcher m) {
        return switch (m.type()) {
            case EQUAL -> m.value().isEmpty();
            case NOT_EQUAL -> !m.value().isEmpty();
            case REGEX -> regexMatchesEmpty(m.value());
            case NOT_REGEX -> !regexMatchesEmpty(m.value());
        };
    }

    private static boolean regexMatchesEmpty(String regex) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL).matcher("").matches();
        } catch (StackOverflowError e) {
            return false;
        }
    }

    /**
     * A parenthesized list of label names ({@code (a, b,)}, {@code ("my.label")}) after {@code by},
     * {@code without}, {@code on}, {@code ignoring} or {@code group_left}. Keywords are plain names here.
     */
    List<String> labelList(String context) {
        in.expect(TokenKind.LEFT_PAREN, context, "\"(\"");
        List<String> labels = new ArrayList<>();
        while (!in.at(TokenKind.RIGHT_PAREN)) {
            Token t = in.peek();
            if (t.kind() == TokenKind.IDENTIFIER && t.text().indexOf(':') < 0) {
                labels.add(t.text());
            } else if (t.kind() == TokenKind.STRING) {
                checkName(t, "label name");
                labels.add(t.value());
            } else {
                throw in.unexpected(context, "label");
            }
            in.next();
            if (in.at(TokenKind.COMMA)) {
                in.next();
            } else if (!in.at(TokenKind.RIGHT_PAREN)) {
                throw in.unexpected(context, "\",\" or \")\"");
            }
        }
        in.next();
        return labels;
    }

    private void checkName(Token t, String what) {
        if (t.value().isEmpty()) {
            throw in.error(t.start(), what + " must not be empty");
        }
    }

    private static boolean isMatchOp(TokenKind kind) {
        return kind == TokenKind.ASSIGN || kind == TokenKind.NEQ || kind == TokenKind.EQL_REGEX
                || kind == TokenKind.NEQ_REGEX;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
