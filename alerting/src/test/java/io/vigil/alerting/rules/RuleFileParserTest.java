package io.vigil.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bad fixture gives exactly its error; the good ones give the groups as written. */
class RuleFileParserTest {
    static final Map<String, List<String>> BAD = new LinkedHashMap<>();

    static {
        bad("yaml.yml", "6:8: invalid YAML: while parsing a block collection: expected <block end>, but found '<block mapping start>'");
        bad("unknown-field.yml", "6:9: group \"node\", rule \"HostDown\": field \"summary\" is not known in a rule "
                + "(known: alert, record, expr, for, keep_firing_for, labels, annotations)");
        bad("missing-expr.yml", "4:9: group \"node\", rule \"HostDown\": \"expr\" is required");
        bad("alert-and-record.yml", "5:9: group \"node\", rule \"HostDown\": a rule is either an alert or a record, not both");
        bad("promql.yml", "5:29: group \"node\", rule \"HostDown\": could not parse expression: unexpected \"==\" in label matching, expected \",\" or \"}\"");
        bad("promql-block.yml", "8:12: group \"node\", rule \"instance:cpu:rate5m\": could not parse expression: unexpected end of input in aggregation, expected \",\" or \")\"");
        bad("for.yml", "7:16: group \"node\", rule \"HostDown\": invalid duration \"5 minutes\" for \"for\": not a valid duration string: \"5 minutes\"");
        bad("label-name.yml", "7:11: group \"node\", rule \"HostDown\": invalid label name \"team-name\"");
        bad("template.yml", "7:20: group \"node\", rule \"HostDown\": annotation \"summary\": "
                + "template: __alert_HostDown:1:39: function \"humanise\" not defined");
        bad("duplicate-group.yml", "6:11: group \"node\": the group name is used twice in this file (first on line 2)");
        bad("record-annotations.yml", "6:9: group \"node\", rule \"job:up:sum\": \"annotations\" is only for alerting rules");
        bad("keep-firing-on-record.yml", "6:9: group \"node\", rule \"job:up:sum\": \"keep_firing_for\" is only for alerting rules");
        bad("record-name.yml", "4:17: group \"node\", rule \"job http rate\": invalid recording rule name \"job http rate\": "
                + "it must be a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        bad("duplicate-key.yml", "6:9: group \"node\", rule \"HostDown\": field \"expr\" is given twice in a rule (first on line 5)");
        bad("no-group-name.yml", "2:5: a group needs a name");
        bad("alias-bomb.yml", "1:1: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=20");
        bad("groups-not-list.yml", "2:3: \"groups\" must be a list, not a mapping");
        bad("not-utf8.yml", "2:12: the file is not valid UTF-8 (byte 0xff)");
    }

    private static void bad(String file, String... errors) {
        BAD.put(file, List.of(errors));
    }

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = RuleFileParserTest.class.getResourceAsStream("/rules/" + path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyBadFileGivesItsExactError() throws IOException {
        Map<String, List<String>> got = new LinkedHashMap<>();
        Map<String, List<String>> want = new LinkedHashMap<>();
        for (var e : BAD.entrySet()) {
            String file = "bad/" + e.getKey();
            got.put(file, RuleFileParser.parse(file, fixture(file), Duration.ofMinutes(1)).errors());
            want.put(file, e.getValue().stream().map(m -> file + ":" + m).toList());
        }
        assertThat(got).containsExactlyEntriesOf(want);
    }

    @Test
    void goodFilesGiveTheirGroupsAndRules() throws IOException {
        var node = RuleFileParser.parse("node.yml", fixture("good/node.yml"), Duration.ofMinutes(1));
        assertThat(node.errors()).isEmpty();
        assertThat(node.groups()).hasSize(1);
        RuleGroup g = node.groups().get(0);
        assertThat(g.key()).isEqualTo("node.yml;node");
        assertThat(g.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.limit()).isZero();
        assertThat(g.rules()).containsExactly(
                new AlertingRule("HostDown", "up{job=\"node\"} == 0", Duration.ofMinutes(5), Duration.ofMinutes(2),
                        Map.of("severity", "critical"),
                        Map.of("summary", "{{ $labels.instance }} is down", "description",
                                "{{ $labels.instance }} of job {{ $labels.job }} has not answered for 5 minutes\n"
                                        + "(value {{ $value | humanize }}).\n"), 5),
                new RecordingRule("instance:node_cpu:rate5m",
                        "sum by (instance) (\n  rate(node_cpu_seconds_total{mode!=\"idle\"}[5m])\n)\n",
                        Map.of("source", "recording"), 16));

        var service = RuleFileParser.parse("service.yaml", fixture("good/service.yaml"), Duration.ofSeconds(45));
        assertThat(service.errors()).isEmpty();
        assertThat(service.groups()).extracting(RuleGroup::name, RuleGroup::interval, RuleGroup::limit).containsExactly(
                org.assertj.core.groups.Tuple.tuple("http-recording", Duration.ofSeconds(45), 0),
                org.assertj.core.groups.Tuple.tuple("http-alerts", Duration.ofSeconds(45), 10));
        assertThat(service.groups().get(1).rules().get(0).expr()).isEqualTo("job:http_errors:ratio5m > 0.05");

        var empty = RuleFileParser.parse("empty.yml", fixture("good/empty.yml"), Duration.ofMinutes(1));
        assertThat(empty.groups()).isEmpty();
        assertThat(empty.errors()).isEmpty();
    }

    @Test
    void refusesOversizedFiles() {
        byte[] big = new byte[RuleFileParser.MAX_FILE_BYTES + 1];
        assertThat(RuleFileParser.parse("big.yml", big, Duration.ofMinutes(1)).errors())
                .containsExactly("big.yml:1:1: the file is larger than the limit of 4194304 bytes");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "groups: " + "[".repeat(1000) + "]".repeat(1000);
        assertThat(RuleFileParser.parse("deep.yml", deep.getBytes(), Duration.ofMinutes(1)).errors())
                .singleElement().asString().startsWith("deep.yml:1:").contains("invalid YAML: Nesting Depth exceeded max 30");
    }
}
