package io.vigil.alerting.api.alertmanager;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of Alertmanager's API v2 (api/v2/openapi.yaml), as amtool and Grafana read them. */
final class AmJson {
    private AmJson() {
    }

    record Receiver(String name) {
    }

    record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
    }

    record GettableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
            Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String generatorURL, String fingerprint,
            List<Receiver> receivers, AlertStatus status) {
    }

    record AlertGroup(Map<String, String> labels, Receiver receiver, List<GettableAlert> alerts) {
    }

    record Matcher(String name, String value, boolean isRegex, boolean isEqual) {
    }

    record SilenceStatus(String state) {
    }

    record GettableSilence(String id, SilenceStatus status, Instant updatedAt, List<Matcher> matchers, Instant startsAt,
            Instant endsAt, String createdBy, String comment) {
    }

    record SilenceCreated(String silenceID) {
    }

    record Cluster(String name, String status, List<Object> peers) {
    }

    record VersionInfo(String version, String revision, String branch, String buildUser, String buildDate, String goVersion) {
    }

    record Config(String original) {
    }

    record Status(Cluster cluster, VersionInfo versionInfo, Config config, Instant uptime) {
    }
}
