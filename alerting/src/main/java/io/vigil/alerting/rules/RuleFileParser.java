package io.vigil.alerting.rules;

import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one Prometheus rule file into validated {@link RuleGroup}s, or the list of everything wrong with
 * it, each error as {@code <file>:<line>:<column>: <reason>}. The YAML is composed into nodes (never
 * constructed into objects) so that every value keeps its position; aliases, nesting and size are bounded.
 *
 * <pre>
 * RuleFile f = RuleFileParser.parse("node.yml", Files.readAllBytes(path), Duration.ofMinutes(1));
 * if (!f.errors().isEmpty()) { ... }
 * </pre>
 */
public final class RuleFileParser {
    /** Largest rule file read. */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    /** The groups of a file, or its errors (then the groups are not to be used). */
    public record RuleFile(List<RuleGroup> groups, List<String> errors) {
        public RuleFile {
            groups = List.copyOf(groups);
            errors = List.copyOf(errors);
        }
    }

    private RuleFileParser() {
    }

    public static RuleFile parse(String file, byte[] content, Duration defaultInterval) {
        FileErrors errors = new FileErrors(file);
        if (content.length > MAX_FILE_BYTES) {
            errors.add(1, 1, "the file is larger than the limit of " + MAX_FILE_BYTES + " bytes");
            return new RuleFile(List.of(), errors.list());
        }
        String text = decode(content, errors);
        if (text == null) {
            return new RuleFile(List.of(), errors.list());
        }
        Node root;
        try {
            root = new Yaml(loaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String reason = "invalid YAML: " + (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
            if (mark == null) {
                errors.add(1, 1, reason);
            } else {
                errors.add(mark, reason);
            }
            return new RuleFile(List.of(), errors.list());
        } catch (YAMLException e) {
            errors.add(1, 1, "invalid YAML: " + e.getMessage());
            return new RuleFile(List.of(), errors.list());
        }
        if (root == null || YamlMap.isNull(root)) {
            return new RuleFile(List.of(), List.of());
        }
        YamlMap top = YamlMap.of(root, "the file", List.of("groups"), errors, "");
        List<RuleGroup> groups = new ArrayList<>();
        if (top != null && top.has("groups")) {
            Node list = top.node("groups");
            if (list instanceof SequenceNode seq) {
                Map<String, Integer> seen = new HashMap<>();
                for (Node g : seq.getValue()) {
                    RuleGroup group = group(file, text, g, defaultInterval, seen, errors);
                    if (group != null) {
                        groups.add(group);
                    }
                }
            } else {
                errors.add(list, "\"groups\" must be a list, not " + YamlMap.kind(list));
            }
        }
        return errors.isEmpty() ? new RuleFile(groups, List.of()) : new RuleFile(List.of(), errors.list());
    }

    private static RuleGroup group(String file, String text, Node node, Duration defaultInterval,
            Map<String, Integer> seen, FileErrors errors) {
        YamlMap g = YamlMap.of(node, "a group", List.of("name", "interval", "query_offset", "limit", "labels", "rules"),
                errors, "");
        if (g == null) {
            return null;
        }
        String name = g.string("name", errors, "");
        if (name == null || name.isBlank()) {
            errors.add(node, "a group needs a name");
            return null;
        }
        String prefix = "group " + quote(name) + ": ";
        Integer first = seen.putIfAbsent(name, node.getStartMark().getLine() + 1);
        if (first != null) {
            errors.add(g.node("name"), prefix + "the group name is used twice in this file (first on line " + first + ")");
        }
        Duration interval = duration(g, "interval", errors, prefix);
        if (interval == null || interval.isZero()) {
            interval = defaultInterval;
        }
        duration(g, "query_offset", errors, prefix);
        int limit = 0;
        String limitText = g.string("limit", errors, prefix);
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                if (limit < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(g.node("limit"), prefix + "limit must be a whole number of 0 or more, not " + quote(limitText));
            }
        }
        Map<String, String> labels = RuleParser.labels(g.node("labels"), "labels", errors, prefix, null);
        List<Rule> rules = new ArrayList<>();
        Node ruleList = g.node("rules");
        if (ruleList instanceof SequenceNode seq) {
            int index = 0;
            for (Node r : seq.getValue()) {
                Rule rule = RuleParser.rule(text, r, ++index, errors, "group " + quote(name) + ", ");
                if (rule != null) {
                    rules.add(rule);
                }
            }
        } else if (ruleList != null && !YamlMap.isNull(ruleList)) {
            errors.add(ruleList, prefix + "\"rules\" must be a list, not " + YamlMap.kind(ruleList));
        }
        return new RuleGroup(file, name, interval, limit, labels, rules);
    }

    /** A duration field; null when absent (or wrong, after an error). */
    static Duration duration(YamlMap m, String key, FileErrors errors, String prefix) {
        String text = m.string(key, errors, prefix);
        if (text == null) {
            return null;
        }
        try {
            return Duration.ofMillis(PromqlParser.parseDuration(text));
        } catch (PromqlParseException e) {
            Node n = m.node(key);
            errors.add(n, prefix + "invalid duration " + quote(text) + " for " + quote(key) + ": " + e.reason());
            return null;
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        // Aliases of lists and mappings are how "billion laughs" documents grow; rule files need none.
        o.setMaxAliasesForCollections(20);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(30);
        o.setCodePointLimit(MAX_FILE_BYTES);
        o.setAllowDuplicateKeys(false);
        return o;
    }

    private static String decode(byte[] content, FileErrors errors) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            // Find the first bad byte for the position: decode prefixes until it fails.
            int line = 1;
            int column = 1;
            for (int i = 0; i < content.length; i++) {
                int b = content[i] & 0xff;
                int len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
                boolean ok = len > 0 && i + len <= content.length;
                if (ok && len > 1) {
                    try {
                        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content, i, len));
                    } catch (CharacterCodingException bad) {
                        ok = false;
                    }
                }
                if (!ok) {
                    errors.add(line, column, "the file is not valid UTF-8 (byte 0x" + Integer.toHexString(b) + ")");
                    return null;
                }
                if (b == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += len - 1;
            }
            errors.add(1, 1, "the file is not valid UTF-8");
            return null;
        }
    }
}
