package io.vigil.alerting.manager.routing;

import io.vigil.alerting.manager.match.Matcher;
import io.vigil.alerting.manager.match.MatcherParser;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses the routing file, a subset of Alertmanager's alertmanager.yml: {@code route}, {@code receivers}
 * (names only: how to deliver is notify's receivers file), {@code inhibit_rules}; {@code global} and
 * {@code templates} are ignored. Returns every error with its position, or the config.
 */
public final class RoutingParser {
    private static final Logger LOG = Logger.getLogger(RoutingParser.class);
    private static final Set<String> TOP = Set.of("route", "receivers", "inhibit_rules", "global", "templates");
    private static final Set<String> ROUTE = Set.of("receiver", "group_by", "continue", "matchers", "match", "match_re",
            "group_wait", "group_interval", "repeat_interval", "routes");
    private static final Set<String> INHIBIT = Set.of("source_matchers", "target_matchers", "equal", "source_match",
            "source_match_re", "target_match", "target_match_re");
    private static final int MAX_BYTES = 1 << 20;

    /** Either the config or the errors. */
    public record Result(RoutingConfig config, List<String> errors) {
    }

    private final YamlNodes yaml;
    private final List<Runnable> receiverChecks = new ArrayList<>();
    private final List<String> receivers = new ArrayList<>();

    private RoutingParser(String file) {
        this.yaml = new YamlNodes(file);
    }

    public static Result parse(String file, String text) {
        RoutingParser p = new RoutingParser(file);
        RoutingConfig config = p.document(text);
        return p.yaml.errors().isEmpty() ? new Result(config, List.of()) : new Result(null, List.copyOf(p.yaml.errors()));
    }

    private RoutingConfig document(String text) {
        if (text.length() > MAX_BYTES) {
            yaml.error(null, "the file is larger than " + MAX_BYTES + " bytes");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(60);
        options.setCodePointLimit(MAX_BYTES);
        Node rootNode;
        try {
            rootNode = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            yaml.errorAt(e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1, "invalid YAML: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            yaml.error(null, "invalid YAML: " + e.getMessage());
            return null;
        }
        if (rootNode == null) {
            yaml.error(null, "the file is empty; it needs at least a route with a receiver");
            return null;
        }
        Map<String, Node> top = yaml.mapping(rootNode, "the file", TOP);
        if (top == null) {
            return null;
        }
        if (top.containsKey("global") || top.containsKey("templates")) {
            LOG.info("routing file: 'global' and 'templates' are ignored (delivery and templates are notify's)");
        }
        if (top.containsKey("receivers")) {
            receiverNames(top.get("receivers"));
        } else {
            yaml.error(rootNode, "the file has no receivers");
        }
        Route root = null;
        if (!top.containsKey("route")) {
            yaml.error(rootNode, "the file has no route");
        } else {
            Root defaults = new Root();
            root = route(top.get("route"), defaults, true, "{}");
        }
        receiverChecks.forEach(Runnable::run);
        List<InhibitRule> inhibit = new ArrayList<>();
        if (top.containsKey("inhibit_rules")) {
            for (Node n : yaml.sequence(top.get("inhibit_rules"), "inhibit_rules")) {
                InhibitRule r = inhibitRule(n);
                if (r != null) {
                    inhibit.add(r);
                }
            }
        }
        return new RoutingConfig(root, receivers, inhibit, text);
    }

    /** What a route inherits from its parent. */
    private static final class Root {
        String receiver;
        List<String> groupBy = List.of();
        Duration groupWait = RoutingConfig.DEFAULT_GROUP_WAIT;
        Duration groupInterval = RoutingConfig.DEFAULT_GROUP_INTERVAL;
        Duration repeatInterval = RoutingConfig.DEFAULT_REPEAT_INTERVAL;
    }

    private void receiverNames(Node node) {
        for (Node n : yaml.sequence(node, "receivers")) {
            Map<String, Node> entries = yaml.mapping(n, "receiver", Set.of("name"),
                    "is not accepted here: delivery settings live in notify's receivers file (vigil.notify.receivers-file); give only the name");
            if (entries == null) {
                continue;
            }
            String name = entries.containsKey("name") ? yaml.scalar(entries.get("name"), "receiver name") : null;
            if (name == null || name.isBlank()) {
                yaml.error(n, "receiver has no name");
            } else if (receivers.contains(name)) {
                yaml.error(entries.get("name"), "receiver \"" + name + "\" is defined twice");
            } else {
                receivers.add(name);
            }
        }
    }

    private Route route(Node node, Root parent, boolean isRoot, String parentKey) {
        Map<String, Node> e = yaml.mapping(node, "route", ROUTE);
        if (e == null) {
            return null;
        }
        Root mine = new Root();
        mine.receiver = parent.receiver;
        if (e.containsKey("receiver")) {
            String r = yaml.scalar(e.get("receiver"), "receiver");
            Node at = e.get("receiver");
            mine.receiver = r;
            receiverChecks.add(() -> {
                if (r != null && !receivers.contains(r)) {
                    yaml.error(at, "route refers to unknown receiver \"" + r + "\"");
                }
            });
        } else if (isRoot) {
            yaml.error(node, "the root route has no receiver");
        }
        mine.groupBy = parent.groupBy;
        if (e.containsKey("group_by")) {
            List<String> g = yaml.strings(e.get("group_by"), "group_by");
            mine.groupBy = g.contains("...") ? null : g;
            if (g.contains("...") && g.size() > 1) {
                yaml.error(e.get("group_by"), "group_by: '...' must be the only entry");
            }
        }
        mine.groupWait = duration(e.get("group_wait"), parent.groupWait, "group_wait");
        mine.groupInterval = duration(e.get("group_interval"), parent.groupInterval, "group_interval");
        mine.repeatInterval = duration(e.get("repeat_interval"), parent.repeatInterval, "repeat_interval");
        List<Matcher> matchers = matchers(e, "matchers", "match", "match_re");
        if (isRoot && !matchers.isEmpty()) {
            yaml.error(node, "the root route must not have matchers (it receives every alert)");
        }
        boolean cont = false;
        if (e.containsKey("continue")) {
            String c = yaml.scalar(e.get("continue"), "continue");
            if (!"true".equals(c) && !"false".equals(c)) {
                yaml.error(e.get("continue"), "continue must be true or false");
            }
            cont = "true".equals(c);
        }
        String key = isRoot ? "{}" : parentKey + "/" + matcherString(matchers);
        List<Route> children = new ArrayList<>();
        if (e.containsKey("routes")) {
            for (Node child : yaml.sequence(e.get("routes"), "routes")) {
                Route r = route(child, mine, false, key);
                if (r != null) {
                    children.add(r);
                }
            }
        }
        return new Route(mine.receiver, mine.groupBy, matchers, cont, mine.groupWait, mine.groupInterval,
                mine.repeatInterval, children, key);
    }

    private Duration duration(Node node, Duration inherited, String what) {
        if (node == null) {
            return inherited;
        }
        String v = yaml.scalar(node, what);
        try {
            return v == null ? inherited : Durations.parse(v);
        } catch (IllegalArgumentException | ArithmeticException ex) {
            yaml.error(node, what + ": " + ex.getMessage());
            return inherited;
        }
    }

    /** New-style matchers plus legacy equality and regex maps, sorted as Alertmanager sorts them. */
    private List<Matcher> matchers(Map<String, Node> e, String matchersKey, String matchKey, String matchReKey) {
        List<Matcher> out = new ArrayList<>();
        if (e.containsKey(matchersKey)) {
            for (Node n : yaml.sequence(e.get(matchersKey), matchersKey)) {
                String text = yaml.scalar(n, matchersKey + " entry");
                if (text == null) {
                    continue;
                }
                try {
                    out.addAll(MatcherParser.parseList(text));
                } catch (IllegalArgumentException ex) {
                    yaml.error(n, matchersKey + ": bad matcher " + text + ": " + ex.getMessage());
                }
            }
        }
        legacy(e.get(matchKey), matchKey, Matcher.Type.EQUAL, out);
        legacy(e.get(matchReKey), matchReKey, Matcher.Type.REGEX, out);
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private void legacy(Node node, String what, Matcher.Type type, List<Matcher> out) {
        if (node == null) {
            return;
        }
        for (Map.Entry<String, String> m : yaml.stringMap(node, what).entrySet()) {
            try {
                out.add(Matcher.of(m.getKey(), type, m.getValue()));
            } catch (IllegalArgumentException ex) {
                yaml.error(node, what + ": " + m.getKey() + ": " + ex.getMessage());
            }
        }
    }

    private InhibitRule inhibitRule(Node node) {
        Map<String, Node> e = yaml.mapping(node, "inhibit rule", INHIBIT);
        if (e == null) {
            return null;
        }
        List<Matcher> source = matchers(e, "source_matchers", "source_match", "source_match_re");
        List<Matcher> target = matchers(e, "target_matchers", "target_match", "target_match_re");
        if (source.isEmpty() || target.isEmpty()) {
            yaml.error(node, "inhibit rule needs both source and target matchers");
        }
        List<String> equal = e.containsKey("equal") ? yaml.strings(e.get("equal"), "equal") : List.of();
        return new InhibitRule(source, target, equal);
    }

    private static String matcherString(List<Matcher> matchers) {
        StringBuilder sb = new StringBuilder("{");
        for (Matcher m : matchers) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(m);
        }
        return sb.append('}').toString();
    }
}
