package io.vigil.notify.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every channel must do, whatever it talks to: refuse a bad receiver when the configuration loads,
 * naming the receiver and the key; refuse a secret written into the file; deliver a notification the
 * receiver accepts; ask for a retry when the receiver cannot be reached; and never let a secret out,
 * in an attempt's detail, an exception, a {@code toString()} or a log line.
 *
 * <p><b>Adding a channel:</b> extend this class (or {@link HttpChannelContractTest} for an HTTP channel,
 * which adds the status-code rules) in the channel's test package, e.g. {@code EmailChannelContractTest
 * extends ChannelContractTest}, and implement the hooks below. Deliver, create and refuse through
 * {@link #deliver}, {@link #create} and {@link #refused} so their output is checked for secrets after
 * each test.
 */
public abstract class ChannelContractTest {
    protected static final String RECEIVER = "team-web";
    protected static final String WHERE = "receivers.yaml:12";

    // ---- hooks each channel's contract test implements ----

    protected abstract ChannelFactory factory();

    /** Settings of a receiver the test's fake receiver accepts; secrets as {@code key_env} naming {@link #secretEnv()}. */
    protected abstract Map<String, Object> workingSettings();

    /** Settings of a receiver that cannot be reached (nothing listens there). */
    protected abstract Map<String, Object> unreachableSettings();

    /** The environment secrets are read from: variable to value. Use distinctive values. */
    protected abstract Map<String, String> secretEnv();

    /** The secret settings, each given in {@link #workingSettings()} as {@code key_env}. */
    protected abstract List<String> secretKeys();

    /** The secrets without which the receiver is refused (all of {@link #secretKeys()} unless overridden). */
    protected List<String> requiredSecretKeys() {
        return secretKeys();
    }

    /** Settings without which the receiver is refused (secrets not included). */
    protected abstract List<String> requiredKeys();

    /** One invalid value per key, each of which must be refused naming that key. */
    protected abstract Map<String, Object> invalidValues();

    /** Every form in which a secret could leak (override to add e.g. an encoded credential). */
    protected List<String> secretForms() {
        return List.copyOf(secretEnv().values());
    }

    // ---- checked after every test ----

    private final List<String> outputs = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logLines) {
                logLines.add(r.getLoggerName() + " " + r.getMessage() + " " + Arrays.toString(r.getParameters())
                        + " " + r.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    final void captureLogs() {
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    final void noSecretLeaked() {
        Logger.getLogger("").removeHandler(logCapture);
        List<String> everything = new ArrayList<>(outputs);
        synchronized (logLines) {
            everything.addAll(logLines);
        }
        for (String secret : secretForms()) {
            assertThat(everything).as("attempt details, exceptions, toString() and log lines")
                    .noneMatch(text -> text != null && text.contains(secret));
        }
    }

    // ---- helpers that record what they produce ----

    protected final ReceiverConfig config(Map<String, Object> settings) {
        Map<String, String> env = secretEnv();
        ReceiverConfig config = new ReceiverConfig(RECEIVER, factory().type(), settings, WHERE, env::get);
        outputs.add(config.toString());
        return config;
    }

    protected final Channel create(Map<String, Object> settings) throws ReceiverConfigException {
        Channel channel = factory().create(config(settings));
        outputs.add(channel.toString());
        return channel;
    }

    protected final Attempt deliver(Channel channel, Notification n) {
        Attempt a = channel.deliver(n);
        outputs.add(a.toString());
        return a;
    }

    /** The message of the error refusing these settings. */
    protected final String refused(Map<String, Object> settings) {
        ReceiverConfigException e = catchThrowableOfType(ReceiverConfigException.class, () -> create(settings));
        assertThat(e).as("settings must be refused: " + settings.keySet()).isNotNull();
        outputs.add(e.toString());
        return e.getMessage();
    }

    protected static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> m = new HashMap<>(settings);
        m.put(key, value);
        return m;
    }

    protected static Map<String, Object> without(Map<String, Object> settings, String... keys) {
        Map<String, Object> m = new HashMap<>(settings);
        for (String k : keys) {
            m.remove(k);
        }
        return m;
    }

    // ---- the contract ----

    @Test
    void channelIsOfTheFactorysTypeAndNamesItsReceiver() throws Exception {
        Channel channel = create(workingSettings());
        assertThat(channel.type()).isEqualTo(factory().type());
        assertThat(channel.receiver()).isEqualTo(RECEIVER);
    }

    @Test
    void deliversWhatTheReceiverAccepts() throws Exception {
        Channel channel = create(workingSettings());
        assertThat(deliver(channel, SampleNotifications.firing(RECEIVER)).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(deliver(channel, SampleNotifications.resolved(RECEIVER)).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
    }

    @Test
    void unreachableReceiverMeansRetry() throws Exception {
        Attempt a = deliver(create(unreachableSettings()), SampleNotifications.firing(RECEIVER));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(a.statusCode()).isZero();
        assertThat(a.detail()).isNotBlank();
    }

    @Test
    void missingRequiredSettingIsRefusedNamingReceiverAndKey() {
        for (String key : requiredKeys()) {
            assertThat(refused(without(workingSettings(), key))).contains(WHERE, "\"" + RECEIVER + "\"", key);
        }
        for (String key : requiredSecretKeys()) {
            assertThat(refused(without(workingSettings(), key + "_env", key + "_file")))
                    .contains(WHERE, "\"" + RECEIVER + "\"", key);
        }
    }

    @Test
    void invalidSettingIsRefusedNamingReceiverAndKey() {
        assertThat(invalidValues()).isNotEmpty();
        invalidValues().forEach((key, value) ->
                assertThat(refused(with(workingSettings(), key, value))).contains("\"" + RECEIVER + "\"", key));
    }

    @Test
    void secretWrittenInTheFileIsRefusedWithoutEchoingIt() {
        assertThat(secretKeys()).isNotEmpty();
        String plain = "plain-secret-typed-into-yaml";
        for (String key : secretKeys()) {
            String message = refused(with(without(workingSettings(), key + "_env"), key, plain));
            assertThat(message).contains("\"" + RECEIVER + "\"", key, key + "_env").doesNotContain(plain);
        }
    }

    @Test
    void secretFromAnUnsetVariableIsRefused() {
        for (String key : secretKeys()) {
            String message = refused(with(workingSettings(), key + "_env", "VIGIL_TEST_UNSET_VARIABLE"));
            assertThat(message).contains("\"" + RECEIVER + "\"", key + "_env", "VIGIL_TEST_UNSET_VARIABLE");
        }
    }

    @Test
    void aSettingOfTheWrongShapeIsRefusedNotIgnored() {
        for (String key : requiredKeys()) {
            assertThat(refused(with(workingSettings(), key, Map.of("nested", "map")))).contains("\"" + RECEIVER + "\"", key);
        }
    }
}
