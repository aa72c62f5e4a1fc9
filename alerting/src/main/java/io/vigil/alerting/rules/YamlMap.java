package io.vigil.alerting.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping of a rule file read as a record: known keys only, each once, with the node kept for
 * positions. Problems go to the {@link FileErrors} of the file being read.
 */
final class YamlMap {
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    private YamlMap() {
    }

    /** Reads {@code node} as a mapping with the {@code known} keys; null (after an error) when it is not one. */
    static YamlMap of(Node node, String what, List<String> known, FileErrors errors, String prefix) {
        if (!(node instanceof MappingNode m)) {
            errors.add(node, prefix + what + " must be a mapping, not " + kind(node));
            return null;
        }
        YamlMap map = new YamlMap();
        Set<String> allowed = Set.copyOf(known);
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                errors.add(t.getKeyNode(), prefix + "keys of " + what + " must be strings, not " + kind(t.getKeyNode()));
                continue;
            }
            String key = k.getValue();
            if (!allowed.contains(key)) {
                errors.add(k, prefix + "field \"" + key + "\" is not known in " + what + " (known: "
                        + String.join(", ", known) + ")");
                continue;
            }
            Node first = map.keys.get(key);
            if (first != null) {
                errors.add(k, prefix + "field \"" + key + "\" is given twice in " + what + " (first on line "
                        + (first.getStartMark().getLine() + 1) + ")");
                continue;
            }
            map.keys.put(key, k);
            map.values.put(key, t.getValueNode());
        }
        return map;
    }

    /** The key's own node (where the key is written), for errors about the key being there. */
    Node keyNode(String key) {
        return keys.get(key);
    }

    Node node(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        Node n = values.get(key);
        return n != null && !isNull(n);
    }

    /** The string value of a scalar key, null when absent or null; an error when it is not a scalar. */
    String string(String key, FileErrors errors, String prefix) {
        Node n = values.get(key);
        if (n == null || isNull(n)) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            errors.add(n, prefix + "\"" + key + "\" must be a string, not " + kind(n));
            return null;
        }
        return s.getValue();
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String kind(Node n) {
        return switch (n) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when isNull(s) -> "null";
            default -> "a string";
        };
    }
}
