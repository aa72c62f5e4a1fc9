package io.vigil.ingest.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushTokensTest {
    private static final String TELEGRAF = "telegraf-0123456789abcdef";
    private static final String APPS = "apps-0123456789abcdef";

    private static GatewayAuthConfig.Source source(String token, String file, String... protocols) {
        return new GatewayAuthConfig.Source() {
            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }

            @Override
            public Optional<String> tokenFile() {
                return Optional.ofNullable(file);
            }

            @Override
            public List<String> protocols() {
                return List.of(protocols);
            }
        };
    }

    @Test
    void eachTokenFindsItsSourceAndItsProtocols(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("telegraf.token");
        Files.writeString(file, TELEGRAF + "\n");
        Map<String, GatewayAuthConfig.Source> sources = new LinkedHashMap<>();
        sources.put("telegraf", source(null, file.toString(), "influx"));
        sources.put("apps", source(APPS, null, "json", " OTLP "));
        sources.put("admin", source("admin-0123456789abcdef", null, "all"));
        PushTokens tokens = PushTokens.load(sources);

        PushTokens.Source telegraf = tokens.find(TELEGRAF);
        assertThat(telegraf.name()).isEqualTo("telegraf");
        assertThat(telegraf.allows(PushProtocol.INFLUX)).isTrue();
        assertThat(telegraf.allows(PushProtocol.JSON)).isFalse();
        assertThat(tokens.find(APPS).protocols()).containsExactlyInAnyOrder(PushProtocol.JSON, PushProtocol.OTLP);
        assertThat(tokens.find("admin-0123456789abcdef").protocols()).containsExactlyInAnyOrder(PushProtocol.values());
        assertThat(tokens.find(TELEGRAF + "x")).isNull();
        assertThat(tokens.find(TELEGRAF.substring(1))).isNull();
        assertThat(tokens.find("")).isNull();
    }

    @Test
    void configurationMistakesNameTheSourceButNeverTheToken(@TempDir Path dir) {
        assertThatThrownBy(() -> PushTokens.load(Map.of("a", source(null, null, "all"))))
                .hasMessage("vigil.gateway.auth.sources.a: give exactly one of token and token-file");
        assertThatThrownBy(() -> PushTokens.load(Map.of("a", source(APPS, "/x", "all"))))
                .hasMessageContaining("exactly one of token and token-file");
        assertThatThrownBy(() -> PushTokens.load(Map.of("a", source("short", null, "all"))))
                .hasMessageContaining("shorter than 16 characters").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> PushTokens.load(Map.of("a", source(APPS, null, "influx", "graphite"))))
                .hasMessage("vigil.gateway.auth.sources.a: unknown push protocol \"graphite\" "
                        + "(accepted: all, json, remote-write, influx, otlp, pushgateway)");
        assertThatThrownBy(() -> PushTokens.load(Map.of("a", source(null, dir.resolve("missing").toString(), "all"))))
                .hasMessageContaining("vigil.gateway.auth.sources.a: cannot read token-file");
        Map<String, GatewayAuthConfig.Source> twice = new LinkedHashMap<>();
        twice.put("a", source(APPS, null, "all"));
        twice.put("b", source(APPS, null, "json"));
        assertThatThrownBy(() -> PushTokens.load(twice))
                .hasMessage("vigil.gateway.auth.sources.b: has the same token as source a").hasMessageNotContaining(APPS);
    }

    @Test
    void pushPathsAndOnlyThoseNeedAToken() {
        assertThat(PushProtocol.ofPath("/api/v1/push")).isEqualTo(PushProtocol.JSON);
        assertThat(PushProtocol.ofPath("/api/v1/write")).isEqualTo(PushProtocol.REMOTE_WRITE);
        assertThat(PushProtocol.ofPath("/write")).isEqualTo(PushProtocol.INFLUX);
        assertThat(PushProtocol.ofPath("/write/")).isEqualTo(PushProtocol.INFLUX);
        assertThat(PushProtocol.ofPath("/api/v2/write")).isEqualTo(PushProtocol.INFLUX);
        assertThat(PushProtocol.ofPath("/v1/metrics")).isEqualTo(PushProtocol.OTLP);
        assertThat(PushProtocol.ofPath("/metrics/job/backup/instance/db1")).isEqualTo(PushProtocol.PUSHGATEWAY);
        assertThat(PushProtocol.ofPath("/metrics/job")).isEqualTo(PushProtocol.PUSHGATEWAY);
        assertThat(PushProtocol.ofPath("/q/metrics")).isNull();
        assertThat(PushProtocol.ofPath("/q/health/ready")).isNull();
        assertThat(PushProtocol.ofPath("/ping")).isNull();
        assertThat(PushProtocol.ofPath("/health")).isNull();
        assertThat(PushProtocol.ofPath("/metrics/jobs")).isNull();
        assertThat(PushProtocol.ofPath("/")).isNull();
    }
}
