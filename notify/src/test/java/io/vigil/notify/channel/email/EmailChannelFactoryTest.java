package io.vigil.notify.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Email receivers are checked when the receivers load: each mistake is refused naming the receiver and the key. */
class EmailChannelFactoryTest {
    private static final String WHERE = "receivers.yaml:14";
    private static final String SECRET = "s3cret-from-env-9921";

    @RegisterExtension
    static final EmailFactoryExtension EMAIL = new EmailFactoryExtension();

    private static Map<String, Object> valid() {
        Map<String, Object> s = new HashMap<>();
        s.put("to", List.of("oncall@example.com", "DBA team <dba@example.com>"));
        s.put("from", "Vigil <vigil@example.com>");
        s.put("smarthost", "smtp.example.com:587");
        s.put("username", "vigil");
        s.put("password_env", "SMTP_PASSWORD");
        return s;
    }

    private static Channel create(Map<String, Object> settings) throws ReceiverConfigException {
        return EMAIL.factory().create(new ReceiverConfig("dba-mail", "email", settings, WHERE, Map.of("SMTP_PASSWORD", SECRET)::get));
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> s = valid();
        if (value == null) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
        return s;
    }

    @Test
    void aValidReceiverBecomesAnEmailChannelForIt() throws Exception {
        Channel c = create(valid());
        assertThat(c.type()).isEqualTo("email");
        assertThat(c.receiver()).isEqualTo("dba-mail");
        assertThat(EMAIL.factory().type()).isEqualTo("email");
    }

    static List<Arguments> mistakes() {
        return List.of(
                Arguments.of("to missing", with("to", null), "to is required"),
                Arguments.of("to empty", with("to", List.of()), "to is required"),
                Arguments.of("to not an address", with("to", List.of("oncall@example.com", "not-an-address")),
                        "to \"not-an-address\" is not an address"),
                Arguments.of("to two in one", with("to", "a@example.com, b@example.com"), "to \"a@example.com, b@example.com\" contains a comma"),
                Arguments.of("to unclosed", with("to", "Ops <ops@example.com"), "to \"Ops <ops@example.com\" is not an address"),
                Arguments.of("to header injection", with("to", "ops@example.com\r\nBcc: thief@example.net"), "contains a control character"),
                Arguments.of("to name with angle bracket", with("to", "a<b <ops@example.com>"), "is not an address"),
                Arguments.of("to a map", with("to", Map.of("a", "b")), "to must be a list of strings"),
                Arguments.of("from missing", with("from", null), "from is required"),
                Arguments.of("from bad", with("from", "vigil@"), "from \"vigil@\" is not an address"),
                Arguments.of("smarthost missing", with("smarthost", null), "smarthost is required"),
                Arguments.of("smarthost no port", with("smarthost", "smtp.example.com"), "smarthost \"smtp.example.com\" is not host:port"),
                Arguments.of("smarthost bad port", with("smarthost", "smtp.example.com:70000"), "is not host:port"),
                Arguments.of("smarthost implicit TLS", with("smarthost", "smtp.example.com:465"), "smarthost port 465 is implicit TLS"),
                Arguments.of("smarthost a URL", with("smarthost", "smtp://smtp.example.com:25"), "is not host:port"),
                Arguments.of("starttls unknown", with("starttls", "always"), "starttls \"always\" is not one of required, optional, disabled"),
                Arguments.of("password in clear to a remote host", with("starttls", "optional"),
                        "starttls must be required when username is set"),
                Arguments.of("timeout bad", with("timeout", "soon"), "timeout \"soon\" is not a duration"),
                Arguments.of("timeout zero", with("timeout", "0s"), "timeout must be more than 0"),
                Arguments.of("password without username", with("username", null), "username is required when a password is given"),
                Arguments.of("username without password", with("password_env", null), "password is required (as password_env or password_file)"),
                Arguments.of("password variable unset", with("password_env", "NOT_SET_ANYWHERE"),
                        "password_env names the environment variable NOT_SET_ANYWHERE, which is not set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsRefusedNamingReceiverAndKey(String what, Map<String, Object> settings, String expected) {
        assertThatThrownBy(() -> create(settings)).isInstanceOf(ReceiverConfigException.class)
                .hasMessageStartingWith(WHERE + ": receiver \"dba-mail\": ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aPasswordWrittenInTheFileIsRefusedWithoutRepeatingIt() {
        Map<String, Object> s = with("password_env", null);
        s.put("password", "typed-into-yaml-123");
        assertThatThrownBy(() -> create(s)).isInstanceOf(ReceiverConfigException.class)
                .hasMessageContaining("receiver \"dba-mail\"").hasMessageContaining("password must not be written in the file")
                .hasMessageNotContaining("typed-into-yaml-123");
    }

    @Test
    void cleartextCredentialsAreAllowedOnlyToThisMachine() throws Exception {
        Map<String, Object> local = with("smarthost", "localhost:25");
        local.put("starttls", "disabled");
        assertThat(create(local).receiver()).isEqualTo("dba-mail");

        Map<String, Object> v6 = with("smarthost", "[::1]:2525");
        v6.put("starttls", "optional");
        assertThat(create(v6).receiver()).isEqualTo("dba-mail");

        Map<String, Object> remote = with("smarthost", "10.0.0.5:25");
        remote.put("starttls", "disabled");
        assertThatThrownBy(() -> create(remote)).hasMessageContaining("starttls must be required").hasMessageContaining("10.0.0.5:25");
    }

    @Test
    void settingsNeverPrintThePassword() throws Exception {
        EmailSettings s = EmailSettings.parse(
                new ReceiverConfig("dba-mail", "email", valid(), WHERE, Map.of("SMTP_PASSWORD", SECRET)::get));
        assertThat(s.password()).isEqualTo(SECRET);
        assertThat(s.toString()).doesNotContain(SECRET).contains("password=(secret)");
        assertThat(create(valid()).toString()).doesNotContain(SECRET);
    }
}
