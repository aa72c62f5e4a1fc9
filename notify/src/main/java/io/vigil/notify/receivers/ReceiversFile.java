package io.vigil.notify.receivers;

import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the receivers file:
 *
 * <pre>
 * receivers:
 *   - name: team-web            # what alerting's routes refer to
 *     type: webhook             # webhook | email | pagerduty | phone
 *     url: https://hooks.example.com/alerts
 *     hmac_secret_env: TEAM_WEB_HMAC   # secrets only as *_env or *_file
 *     retry_for: 1h             # pipeline settings, any channel: give up (dead-letter) after this
 *     max_per_minute: 60        #   and at most this many deliveries a minute
 * </pre>
 *
 * Every error names the file and line. Values are read as plain strings, lists and maps (no YAML
 * tags, limited aliases), so a hostile file cannot make the loader build objects or explode.
 */
public final class ReceiversFile {
    private ReceiversFile() {
    }

    public static List<ReceiverConfig> load(Path file, Function<String, String> env) throws ReceiverConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), env);
        } catch (IOException e) {
            throw new ReceiverConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static List<ReceiverConfig> parse(Reader reader, String fileName, Function<String, String> env)
            throws ReceiverConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(4 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (YAMLException e) {
            throw new ReceiverConfigException(fileName + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        List<ReceiverConfig> receivers = new ArrayList<>();
        if (root == null) {
            return receivers;
        }
        if (!(root instanceof MappingNode top)) {
            throw error(fileName, root, "the file must be a mapping with a 'receivers' list");
        }
        Node list = null;
        for (NodeTuple t : top.getValue()) {
            String key = scalar(fileName, t.getKeyNode());
            if (!key.equals("receivers")) {
                throw error(fileName, t.getKeyNode(), "unknown top-level key \"" + key + "\" (expected 'receivers')");
            }
            list = t.getValueNode();
        }
        if (list == null) {
            return receivers;
        }
        if (!(list instanceof SequenceNode seq)) {
            throw error(fileName, list, "'receivers' must be a list");
        }
        Set<String> names = new HashSet<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                throw error(fileName, item, "each receiver must be a mapping with name and type");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) plain(fileName, m);
            Object name = settings.remove("name");
            Object type = settings.remove("type");
            if (!(name instanceof String n) || n.isBlank()) {
                throw error(fileName, item, "receiver without a name");
            }
            if (!(type instanceof String ty) || ty.isBlank()) {
                throw error(fileName, item, "receiver \"" + n + "\" has no type");
            }
            if (!names.add(n)) {
                throw error(fileName, item, "receiver \"" + n + "\" is defined twice");
            }
            receivers.add(new ReceiverConfig(n, ty, settings, fileName + ":" + line(item), env));
        }
        return receivers;
    }

    private static Object plain(String file, Node node) throws ReceiverConfigException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(plain(file, n));
            }
            return out;
        }
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(file, t.getKeyNode());
                if (out.put(key, plain(file, t.getValueNode())) != null) {
                    throw error(file, t.getKeyNode(), "\"" + key + "\" is given twice");
                }
            }
            return out;
        }
        throw error(file, node, "unsupported YAML node");
    }

    private static String scalar(String file, Node node) throws ReceiverConfigException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(file, node, "keys must be plain strings");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static ReceiverConfigException error(String file, Node node, String message) {
        return new ReceiverConfigException(file + ":" + line(node) + ": " + message);
    }
}
