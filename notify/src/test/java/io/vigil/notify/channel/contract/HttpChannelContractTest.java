package io.vigil.notify.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Attempt.Outcome;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract for channels that deliver over HTTP (webhook, PagerDuty, phone), on top of
 * {@link ChannelContractTest}: the same decision for the same answer, whichever vendor gave it; the
 * receiver's Retry-After honoured; a receiver that never answers costs one timeout, then a retry; and
 * no secret in the URL the receiver sees.
 *
 * <p>Each test runs against a fresh {@link ScriptedHttpReceiver} that accepts everything unless the test
 * scripts otherwise. A channel's contract test implements {@link #settingsFor(URI)}.
 */
public abstract class HttpChannelContractTest extends ChannelContractTest {
    /** The short timeout contract tests give receivers, so a hanging receiver costs little. */
    protected static final String TEST_TIMEOUT = "300ms";

    protected ScriptedHttpReceiver receiver;

    /**
     * Settings of a receiver reached at {@code base} ({@code http://127.0.0.1:port}, no path), with its
     * secrets as {@code key_env}; a single destination, so one delivery is one request.
     */
    protected abstract Map<String, Object> settingsFor(URI base);

    @BeforeEach
    final void startReceiver() {
        receiver = ScriptedHttpReceiver.start();
    }

    @AfterEach
    final void stopReceiver() {
        receiver.close();
    }

    @Override
    protected final Map<String, Object> workingSettings() {
        Map<String, Object> m = new HashMap<>(settingsFor(receiver.uri("")));
        m.put("timeout", TEST_TIMEOUT);
        return m;
    }

    @Override
    protected final Map<String, Object> unreachableSettings() {
        Map<String, Object> m = new HashMap<>(settingsFor(ScriptedHttpReceiver.refusingUri("")));
        m.put("timeout", TEST_TIMEOUT);
        return m;
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({ "200, DELIVERED", "202, DELIVERED", "400, REJECTED", "401, REJECTED", "404, REJECTED", "408, RETRY",
            "429, RETRY", "500, RETRY", "503, RETRY" })
    void theReceiversAnswerDecides(int status, Outcome expected) throws Exception {
        receiver.otherwise(Reply.status(status).body("{\"status\":\"whatever\"}"));
        Attempt a = deliver(create(workingSettings()), SampleNotifications.firing(RECEIVER));
        assertThat(a.outcome()).isEqualTo(expected);
        assertThat(a.statusCode()).isEqualTo(status);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        receiver.otherwise(Reply.status(429).header("Retry-After", "7"));
        Attempt a = deliver(create(workingSettings()), SampleNotifications.firing(RECEIVER));
        assertThat(a.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(a.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aReceiverThatNeverAnswersCostsOneTimeoutThenRetry() throws Exception {
        receiver.otherwise(Reply.hang());
        long start = System.nanoTime();
        Attempt a = deliver(create(workingSettings()), SampleNotifications.firing(RECEIVER));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(a.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(a.statusCode()).isZero();
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void aSlowButTimelyReceiverIsDelivered() throws Exception {
        receiver.otherwise(Reply.status(202).after(Duration.ofMillis(50)));
        assertThat(deliver(create(workingSettings()), SampleNotifications.firing(RECEIVER)).outcome())
                .isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void noSecretInTheUrlTheReceiverSees() throws Exception {
        Map<String, Object> settings = workingSettings();
        deliver(create(settings), SampleNotifications.firing(RECEIVER));
        deliver(create(settings), SampleNotifications.resolved(RECEIVER));
        assertThat(receiver.requests()).isNotEmpty();
        for (ScriptedHttpReceiver.Request r : receiver.requests()) {
            for (String secret : secretForms()) {
                assertThat(r.uri().toString()).doesNotContain(secret);
            }
        }
    }
}
