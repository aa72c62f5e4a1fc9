package io.vigil.alerting.manager.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.manager.match.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing files: good and bad fixtures side by side (src/test/resources/routing), errors with positions. */
class RoutingParserTest {
    private static RoutingParser.Result parse(String fixture) throws IOException {
        String name = "routing/" + fixture;
        return RoutingParser.parse(name, Files.readString(Path.of("src/test/resources", name)));
    }

    @Test
    void goodFileInheritsTimingsAndReceiversDownTheTree() throws IOException {
        RoutingParser.Result r = parse("good.yml");
        assertThat(r.errors()).isEmpty();
        Route root = r.config().root();
        assertThat(root.receiver()).isEqualTo("default");
        assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
        Route pager = root.routes().get(0);
        assertThat(pager.receiver()).isEqualTo("pager");
        assertThat(pager.continueMatching()).isTrue();
        assertThat(pager.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(pager.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(pager.groupBy()).containsExactly("alertname");
        assertThat(pager.key()).isEqualTo("{}/{severity=~\"critical|page\"}");
        Route db = pager.routes().get(0);
        assertThat(db.groupBy()).isNull();
        assertThat(db.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(db.key()).isEqualTo("{}/{severity=~\"critical|page\"}/{team=\"db\"}");
        Route web = root.routes().get(1);
        assertThat(web.matchers()).containsExactly(Matcher.of("service", Matcher.Type.REGEX, "web.*"));
        assertThat(web.groupInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(root.routes().get(2).key()).isEqualTo("{}/{env=\"prod\",team!=\"a\"}");
        assertThat(r.config().receivers()).containsExactly("default", "pager", "db-pager", "web", "prod");
        assertThat(r.config().inhibitRules()).hasSize(2);
        assertThat(r.config().inhibitRules().get(0).equal()).containsExactly("alertname", "instance");
    }

    @Test
    void unknownReceiverIsReportedWhereItIsUsed() throws IOException {
        assertThat(parse("bad-unknown-receiver.yml").errors()).containsExactly(
                "routing/bad-unknown-receiver.yml:5:17: route refers to unknown receiver \"nobody\"");
    }

    @Test
    void badMatchersAndDurationsAreReportedWithPositions() throws IOException {
        assertThat(parse("bad-matcher-duration.yml").errors()).containsExactly(
                "routing/bad-matcher-duration.yml:3:15: group_wait: invalid duration \"30 seconds\": expected a number and a unit (ms, s, m, h, d, w, y), e.g. 30s or 1h30m",
                "routing/bad-matcher-duration.yml:5:18: matchers: bad matcher severity=~\"(crit\": invalid regular expression \"(crit\": Unclosed group",
                "routing/bad-matcher-duration.yml:5:39: matchers: bad matcher team: expected an operator (=, !=, =~, !~) at position 5 of team");
    }

    @Test
    void missingRootReceiverUnknownKeysAndDeliverySettingsAreRefused() throws IOException {
        assertThat(parse("bad-no-root-receiver.yml").errors()).containsExactly(
                "routing/bad-no-root-receiver.yml:6:5: receiver: key \"webhook_configs\" is not accepted here: delivery settings live in notify's receivers file (vigil.notify.receivers-file); give only the name",
                "routing/bad-no-root-receiver.yml:3:3: route: unknown key \"colour\"; expected one of continue, group_by, group_interval, group_wait, match, match_re, matchers, receiver, repeat_interval, routes",
                "routing/bad-no-root-receiver.yml:2:3: the root route has no receiver");
    }

    @Test
    void hostileAndBrokenYamlIsRefusedNotThrown() {
        assertThat(RoutingParser.parse("f.yml", "route: [").errors()).singleElement().asString().isEqualTo("f.yml:1:9: invalid YAML: expected the node content, but found '<stream end>'");
        assertThat(RoutingParser.parse("f.yml", "").errors()).containsExactly("f.yml: the file is empty; it needs at least a route with a receiver");
        String bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n".repeat(1)
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
        assertThat(RoutingParser.parse("f.yml", bomb).errors()).isNotEmpty();
        assertThat(RoutingParser.parse("f.yml", "x".repeat((1 << 20) + 1)).errors())
                .containsExactly("f.yml: the file is larger than 1048576 bytes");
    }

    @Test
    void defaultsSendEverythingToDefaultGroupedByAlertname() {
        RoutingConfig d = RoutingConfig.defaults();
        assertThat(d.root().receiver()).isEqualTo("default");
        assertThat(d.root().groupBy()).isEqualTo(List.of("alertname"));
        assertThat(d.root().groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RoutingParser.parse("defaults", d.original()).errors()).isEmpty();
    }
}
