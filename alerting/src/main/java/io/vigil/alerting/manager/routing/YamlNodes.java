package io.vigil.alerting.manager.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a composed YAML node tree and collects errors as {@code file:line:column: reason}, so one pass
 * reports every mistake of a file with its position.
 */
final class YamlNodes {
    private final String file;
    private final List<String> errors = new ArrayList<>();

    YamlNodes(String file) {
        this.file = file;
    }

    List<String> errors() {
        return errors;
    }

    void error(Node at, String reason) {
        if (at == null) {
            errors.add(file + ": " + reason);
        } else {
            errors.add(file + ":" + (at.getStartMark().getLine() + 1) + ":" + (at.getStartMark().getColumn() + 1) + ": " + reason);
        }
    }

    void errorAt(int line, int column, String reason) {
        errors.add(file + ":" + line + ":" + column + ": " + reason);
    }

    /** The entries of a mapping by key (in order); unknown or duplicate keys are errors. Null if not a mapping. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        return mapping(node, what, allowed, null);
    }

    /** As {@link #mapping(Node, String, Set)}, with {@code unknownReason} explaining why other keys are refused. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed, String unknownReason) {
        if (!(node instanceof MappingNode m)) {
            error(node, what + " must be a mapping");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                error(t.getKeyNode(), what + ": keys must be plain strings");
            } else if (out.containsKey(key)) {
                error(t.getKeyNode(), what + ": key \"" + key + "\" appears twice");
            } else if (!allowed.contains(key) && unknownReason != null) {
                error(t.getKeyNode(), what + ": key \"" + key + "\" " + unknownReason);
            } else if (!allowed.contains(key)) {
                error(t.getKeyNode(), what + ": unknown key \"" + key + "\"; expected one of " + String.join(", ", allowed.stream().sorted().toList()));
            } else {
                out.put(key, t.getValueNode());
            }
        }
        return out;
    }

    String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        error(node, what + " must be a single value");
        return null;
    }

    List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        error(node, what + " must be a list");
        return List.of();
    }

    List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        for (Node n : sequence(node, what)) {
            String v = scalar(n, what + " entry");
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A mapping of strings to strings (legacy {@code match}/{@code match_re}). */
    Map<String, String> stringMap(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            error(node, what + " must be a mapping of label names to values");
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode(), what + " key");
            String v = scalar(t.getValueNode(), what + " value");
            if (k != null && v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
