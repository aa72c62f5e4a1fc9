package io.vigil.notify.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.contract.ChannelContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel passes the contract every channel must, against GreenMail with SMTP AUTH. */
class EmailChannelContractTest extends ChannelContractTest {
    private static final String USER = "vigil";
    private static final String PASSWORD = "Contract-smtp-pw-5309";
    private static final String PASSWORD_VARIABLE = "VIGIL_TEST_SMTP_PASSWORD";

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", USER, PASSWORD));

    @RegisterExtension
    static final EmailFactoryExtension EMAIL = new EmailFactoryExtension();

    @Override
    protected ChannelFactory factory() {
        return EMAIL.factory();
    }

    @Override
    protected Map<String, Object> workingSettings() {
        return settings("127.0.0.1:" + mail.getSmtp().getPort());
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return settings("127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> settings(String smarthost) {
        Map<String, Object> s = new HashMap<>();
        s.put("to", List.of("oncall@example.com"));
        s.put("from", "vigil@example.com");
        s.put("smarthost", smarthost);
        s.put("username", USER);
        s.put("password_env", PASSWORD_VARIABLE);
        s.put("starttls", "disabled"); // loopback only, so the password never crosses a network
        s.put("timeout", "2s");
        return s;
    }

    @Override
    protected Map<String, String> secretEnv() {
        return Map.of(PASSWORD_VARIABLE, PASSWORD);
    }

    @Override
    protected List<String> secretKeys() {
        return List.of("password");
    }

    @Override
    protected List<String> requiredKeys() {
        return List.of("to", "from", "smarthost");
    }

    @Override
    protected Map<String, Object> invalidValues() {
        return Map.of("to", "not-an-address", "from", "vigil@", "smarthost", "smtp.example.com", "starttls", "always",
                "timeout", "soon");
    }

    /** Also the forms AUTH PLAIN and AUTH LOGIN put on the wire. */
    @Override
    protected List<String> secretForms() {
        List<String> forms = new ArrayList<>(super.secretForms());
        Base64.Encoder b64 = Base64.getEncoder();
        forms.add(b64.encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        forms.add(b64.encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        return forms;
    }
}
