package io.vigil.notify.receivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notify.NotifyConfig;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import io.vigil.notify.pipeline.DeliveryPolicy;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiversFileTest {
    private static final Map<String, String> ENV = Map.of("OPS_MAIL_PASSWORD", "s3cret-pw");

    private static List<ReceiverConfig> parse(String yaml) throws ReceiverConfigException {
        return ReceiversFile.parse(new StringReader(yaml), "receivers.yaml", ENV::get);
    }

    @Test
    void readsReceiversWithTheirSettingsAndWhereTheyStand() throws Exception {
        List<ReceiverConfig> receivers = ReceiversFile.load(Path.of("src/test/resources/receivers/good.yaml"), ENV::get);
        assertThat(receivers).extracting(ReceiverConfig::name).containsExactly("team-web", "ops-mail");
        ReceiverConfig web = receivers.get(0);
        assertThat(web.type()).isEqualTo("webhook");
        assertThat(web.where()).endsWith("good.yaml:2");
        assertThat(web.string("url")).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(web.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(web.stringMap("headers")).containsEntry("X-Team", "web");
        ReceiverConfig mail = receivers.get(1);
        assertThat(mail.stringList("to")).containsExactly("ops@example.com", "oncall@example.com");
        assertThat(mail.secret("password", true)).isEqualTo("s3cret-pw");
        assertThat(mail.where()).endsWith("good.yaml:10");
    }

    @Test
    void errorsNameFileLineAndReason() {
        assertThatThrownBy(() -> parse("receivers:\n  - name: a\n    type: webhook\n  - name: a\n    type: email\n"))
                .hasMessage("receivers.yaml:4: receiver \"a\" is defined twice");
        assertThatThrownBy(() -> parse("receivers:\n  - type: webhook\n")).hasMessage("receivers.yaml:2: receiver without a name");
        assertThatThrownBy(() -> parse("receivers:\n  - name: a\n")).hasMessage("receivers.yaml:2: receiver \"a\" has no type");
        assertThatThrownBy(() -> parse("recievers: []\n"))
                .hasMessage("receivers.yaml:1: unknown top-level key \"recievers\" (expected 'receivers')");
        assertThatThrownBy(() -> parse("receivers: {a: 1}\n")).hasMessage("receivers.yaml:1: 'receivers' must be a list");
        assertThatThrownBy(() -> parse("receivers:\n  - name: [unclosed\n")).hasMessageStartingWith("receivers.yaml: not valid YAML");
        assertThatThrownBy(() -> parse("receivers:\n  - name: a\n    name: b\n"))
                .hasMessage("receivers.yaml:3: \"name\" is given twice");
    }

    @Test
    void secretsMustComeFromTheEnvironmentOrFiles() throws Exception {
        ReceiverConfig plain = parse("receivers:\n  - name: pd\n    type: pagerduty\n    routing_key: abc123\n").get(0);
        assertThatThrownBy(() -> plain.secret("routing_key", true))
                .hasMessage("receivers.yaml:2: receiver \"pd\": routing_key must not be written in the file: "
                        + "use routing_key_env (an environment variable) or routing_key_file (a mounted file)")
                .message().doesNotContain("abc123");
        ReceiverConfig unset = parse("receivers:\n  - name: pd\n    type: pagerduty\n    routing_key_env: NOPE\n").get(0);
        assertThatThrownBy(() -> unset.secret("routing_key", true)).hasMessageContaining("NOPE, which is not set");
        ReceiverConfig missing = parse("receivers:\n  - name: pd\n    type: pagerduty\n").get(0);
        assertThatThrownBy(() -> missing.secret("routing_key", true)).hasMessageContaining("is required");
        assertThat(missing.secret("routing_key", false)).isNull();
    }

    @Test
    void hostileYamlIsRefusedNotObeyed() {
        // A billion-laughs style file and a tag asking for a Java object.
        String laughs = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nreceivers: [*d]\n";
        assertThatThrownBy(() -> parse(laughs)).isInstanceOf(ReceiverConfigException.class);
        assertThatThrownBy(() -> parse("receivers:\n  - !!javax.script.ScriptEngineManager [x]\n"))
                .isInstanceOf(ReceiverConfigException.class);
    }

    @Test
    void pipelineSettingsAreValidated() throws Exception {
        NotifyConfig defaults = defaults();
        ReceiverConfig ok = parse("receivers:\n  - name: a\n    type: webhook\n    retry_for: 5m\n    max_per_minute: 12\n").get(0);
        assertThat(DeliveryPolicy.of(ok, defaults)).isEqualTo(new DeliveryPolicy(Duration.ofMinutes(5), 12,
                Duration.ofSeconds(1), Duration.ofMinutes(1)));
        ReceiverConfig bad = parse("receivers:\n  - name: a\n    type: webhook\n    max_per_minute: lots\n").get(0);
        assertThatThrownBy(() -> DeliveryPolicy.of(bad, defaults)).hasMessageContaining("max_per_minute must be a positive whole number");
        ReceiverConfig badDuration = parse("receivers:\n  - name: a\n    type: webhook\n    retry_for: forever\n").get(0);
        assertThatThrownBy(() -> DeliveryPolicy.of(badDuration, defaults)).hasMessageContaining("retry_for \"forever\" is not a duration");
    }

    static NotifyConfig defaults() {
        return new NotifyConfig() {
            public Optional<String> receiversFile() {
                return Optional.empty();
            }

            public Optional<String> adminToken() {
                return Optional.empty();
            }

            public boolean consumerEnabled() {
                return true;
            }

            public String groupId() {
                return "g";
            }

            public int maxInFlight() {
                return 10;
            }

            public Duration retryFor() {
                return Duration.ofHours(1);
            }

            public Duration initialBackoff() {
                return Duration.ofSeconds(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
