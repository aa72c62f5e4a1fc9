package io.vigil.alerting.manager.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which receivers an alert reaches through good.yml: first match, continue, nesting, fallback to the parent. */
class RouteMatchTest {
    private static Route root() throws IOException {
        return RoutingParser.parse("good.yml", Files.readString(Path.of("src/test/resources/routing/good.yml"))).config().root();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "alertname=A                                | default",
            "severity=critical                          | pager",
            "severity=page,team=db                      | db-pager",
            "severity=critical,service=web1             | pager,web",
            "severity=critical,team=db,service=web      | db-pager,web",
            "service=web-api                            | web",
            "service=api,env=prod                       | prod",
            "service=api,env=prod,team=a                | default",
            "severity=criticalish                       | default",
    })
    void routesLikeAlertmanager(String labels, String receivers) throws IOException {
        Map<String, String> ls = new java.util.TreeMap<>();
        for (String kv : labels.split(",")) {
            String[] p = kv.split("=");
            ls.put(p[0], p[1]);
        }
        assertThat(root().match(ls).stream().map(Route::receiver).toList()).containsExactly(receivers.split(","));
    }

    @Test
    void groupKeysFollowAlertmanagersForm() throws IOException {
        Route root = root();
        Map<String, String> labels = Map.of("alertname", "Disk", "severity", "page", "team", "db", "instance", "h1");
        Route pager = root.match(Map.of("alertname", "Disk", "severity", "page")).get(0);
        assertThat(pager.groupKey(pager.groupLabels(labels))).isEqualTo("{}/{severity=~\"critical|page\"}:{alertname=\"Disk\"}");
        Route db = root.match(labels).get(0);
        assertThat(db.groupLabels(labels)).isEqualTo(labels);
        assertThat(db.groupKey(db.groupLabels(labels))).isEqualTo(
                "{}/{severity=~\"critical|page\"}/{team=\"db\"}:{alertname=\"Disk\",instance=\"h1\",severity=\"page\",team=\"db\"}");
        assertThat(root.groupKey(root.groupLabels(Map.of("x", "1")))).isEqualTo("{}:{}");
    }
}
