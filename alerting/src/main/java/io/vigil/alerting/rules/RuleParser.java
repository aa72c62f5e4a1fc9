package io.vigil.alerting.rules;

import io.vigil.alerting.template.Template;
import io.vigil.alerting.template.TemplateException;
import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** One rule of a group: {@code alert:} or {@code record:}, validated as Prometheus does (and a bit more). */
final class RuleParser {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final List<String> KEYS = List.of("alert", "record", "expr", "for", "keep_firing_for", "labels",
            "annotations");

    private RuleParser() {
    }

    static Rule rule(String text, Node node, int index, FileErrors errors, String groupPrefix) {
        String prefix = groupPrefix + "rule " + nameOf(node).map(RuleFileParser::quote).orElse(Integer.toString(index)) + ": ";
        YamlMap r = YamlMap.of(node, "a rule", KEYS, errors, prefix);
        if (r == null) {
            return null;
        }
        String alert = r.string("alert", errors, prefix);
        String record = r.string("record", errors, prefix);
        String name = alert != null ? alert : record;
        if (alert != null && record != null) {
            errors.add(r.keyNode("record"), prefix + "a rule is either an alert or a record, not both");
            return null;
        }
        if (name == null) {
            errors.add(node, prefix + "one of \"alert\" and \"record\" is required");
            return null;
        }
        boolean isAlert = alert != null;
        Node nameNode = r.node(isAlert ? "alert" : "record");
        if (isAlert && alert.isBlank()) {
            errors.add(nameNode, prefix + "the alert name is empty");
        } else if (!isAlert && !METRIC_NAME.matcher(record).matches()) {
            errors.add(nameNode, prefix + "invalid recording rule name " + RuleFileParser.quote(record)
                    + ": it must be a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        String expr = r.string("expr", errors, prefix);
        if (expr == null || expr.isBlank()) {
            errors.add(r.node("expr") != null ? r.node("expr") : node, prefix + "\"expr\" is required");
        } else {
            checkExpr(text, (ScalarNode) r.node("expr"), expr, errors, prefix);
        }
        if (!isAlert) {
            for (String onlyAlert : List.of("for", "keep_firing_for", "annotations")) {
                if (r.node(onlyAlert) != null) {
                    errors.add(r.keyNode(onlyAlert), prefix + "\"" + onlyAlert + "\" is only for alerting rules");
                }
            }
        }
        Duration forDuration = RuleFileParser.duration(r, "for", errors, prefix);
        Duration keepFiring = RuleFileParser.duration(r, "keep_firing_for", errors, prefix);
        String templateName = "__alert_" + name;
        Map<String, String> labels = labels(r.node("labels"), "labels", errors, prefix, isAlert ? templateName : null);
        Map<String, String> annotations = labels(r.node("annotations"), "annotations", errors, prefix,
                isAlert ? templateName : null);
        int line = node.getStartMark().getLine() + 1;
        if (isAlert) {
            return new AlertingRule(alert, expr == null ? "" : expr, forDuration == null ? Duration.ZERO : forDuration,
                    keepFiring == null ? Duration.ZERO : keepFiring, labels, annotations, line);
        }
        return new RecordingRule(record, expr == null ? "" : expr, labels, line);
    }

    /** The alert or record name, looked up before validation so that every error can name the rule. */
    private static java.util.Optional<String> nameOf(Node node) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && (k.getValue().equals("alert") || k.getValue().equals("record"))
                        && t.getValueNode() instanceof ScalarNode v && !YamlMap.isNull(v)) {
                    return java.util.Optional.of(v.getValue());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void checkExpr(String text, ScalarNode node, String expr, FileErrors errors, String prefix) {
        try {
            PromqlParser.parse(expr);
        } catch (PromqlParseException e) {
            int[] at = ScalarPositions.locate(text, node, e.line(), e.column());
            if (at != null) {
                errors.add(at[0], at[1], prefix + "could not parse expression: " + e.reason());
            } else {
                errors.add(node, prefix + "could not parse expression: " + e.getMessage());
            }
        }
    }

    /**
     * A map of label (or annotation) names to values; {@code templateName} set = values are templates
     * that must parse.
     */
    static Map<String, String> labels(Node node, String what, FileErrors errors, String prefix, String templateName) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || YamlMap.isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode m)) {
            errors.add(node, prefix + "\"" + what + "\" must be a mapping, not " + YamlMap.kind(node));
            return out;
        }
        String singular = what.substring(0, what.length() - 1);
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                errors.add(t.getKeyNode(), prefix + singular + " names must be strings");
                continue;
            }
            String key = k.getValue();
            if (!LABEL_NAME.matcher(key).matches() || (key.equals("__name__") && what.equals("labels"))) {
                errors.add(k, prefix + "invalid " + singular + " name " + RuleFileParser.quote(key));
                continue;
            }
            if (out.containsKey(key)) {
                errors.add(k, prefix + singular + " " + RuleFileParser.quote(key) + " is given twice");
                continue;
            }
            if (!(t.getValueNode() instanceof ScalarNode v) || YamlMap.isNull(t.getValueNode())) {
                errors.add(t.getValueNode(), prefix + singular + " " + RuleFileParser.quote(key) + " must be a string, not "
                        + YamlMap.kind(t.getValueNode()));
                continue;
            }
            if (templateName != null) {
                try {
                    Template.parse(templateName, v.getValue());
                } catch (TemplateException e) {
                    errors.add(v, prefix + singular + " " + RuleFileParser.quote(key) + ": " + e.getMessage());
                    continue;
                }
            }
            out.put(key, v.getValue());
        }
        return out;
    }
}
