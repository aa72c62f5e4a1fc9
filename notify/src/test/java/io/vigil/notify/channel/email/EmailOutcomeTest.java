package io.vigil.notify.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.ext.mail.SMTPException;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Attempt.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each SMTP answer means for the pipeline, and that no detail ever carries the password. */
class EmailOutcomeTest {
    private static final String PASSWORD = "hunter2-but-longer";
    private final SmtpOutcome outcome = new SmtpOutcome(new Smarthost("smtp.example.com", 587), PASSWORD);

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
            "421, got error response, RETRY",
            "450, recipient address not accepted, RETRY",
            "451, sending data failed, RETRY",
            "452, recipient address not accepted, RETRY",
            "535, AUTH PLAIN failed, REJECTED",
            "550, recipient address not accepted, REJECTED",
            "553, sender address not accepted, REJECTED",
            "554, sending data failed, REJECTED" })
    void theReplyCodeDecides(int code, String stage, Outcome expected) {
        Attempt a = outcome.failed(new SMTPException(stage, code, List.of(code + " 4.0.0 something happened"), false));
        assertThat(a.outcome()).isEqualTo(expected);
        assertThat(a.statusCode()).isEqualTo(code);
        assertThat(a.detail()).contains("SMTP " + code, "smtp.example.com:587");
        assertThat(a.retryAfter()).isNull();
    }

    @Test
    void theReplyToAuthIsNotRepeatedBecauseItMayQuoteTheCredentials() {
        String echoed = "500 syntax error : expected mechanism but received <AUTH PLAIN AHZpZ2lsAGh1bnRlcjI=>";
        Attempt a = outcome.failed(new SMTPException("AUTH PLAIN failed", 500, List.of(echoed), false));
        assertThat(a.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(a.detail()).contains("500", "authentication failed").doesNotContain("AHZpZ2lsAGh1bnRlcjI=");
    }

    @Test
    void aPasswordEchoedAnywhereElseIsBlankedOut() {
        Attempt smtp = outcome.failed(new SMTPException("recipient address not accepted", 550,
                List.of("550 no such user " + PASSWORD), false));
        Attempt other = outcome.failed(new IllegalStateException("odd state with " + PASSWORD + "\r\ninside"));
        assertThat(smtp.detail()).doesNotContain(PASSWORD).contains("no such user (secret)");
        assertThat(other.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(other.detail()).doesNotContain(PASSWORD).doesNotContain("\n").contains("odd state with (secret) inside");
    }

    @Test
    void noAnswerMeansRetryWithoutAStatus() {
        for (Throwable t : List.of(new ConnectException("Connection refused"), new ConnectTimeoutException("timed out"),
                new IOException("socket was closed unexpected."))) {
            Attempt a = outcome.failed(t);
            assertThat(a.outcome()).as(t.toString()).isEqualTo(Outcome.RETRY);
            assertThat(a.statusCode()).isZero();
            assertThat(a.detail()).contains("smtp.example.com:587");
        }
        Attempt timedOut = outcome.timedOut(Duration.ofSeconds(10));
        assertThat(timedOut.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(timedOut.detail()).isEqualTo("no answer from smtp.example.com:587 within 10000ms");
    }
}
