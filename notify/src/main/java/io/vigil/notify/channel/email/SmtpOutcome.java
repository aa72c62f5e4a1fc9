package io.vigil.notify.channel.email;

import io.vertx.ext.mail.SMTPException;
import io.vigil.notify.channel.Attempt;
import java.net.ConnectException;
import java.time.Duration;

/**
 * What a failed SMTP exchange means for the pipeline (the rules are in {@code package-info.java}), with a
 * detail an operator can act on and that carries no secret.
 *
 * <p>The detail is built from the reply code and, except for AUTH, the server's reply text; the reply to
 * AUTH is left out because servers may quote the command, and with it the base64 credentials (GreenMail
 * does, for a syntax error). Whatever text is kept has the password removed as a last line of defence.
 */
final class SmtpOutcome {
    private static final int MAX_DETAIL_LENGTH = 300;

    private final Smarthost smarthost;
    private final String password;

    SmtpOutcome(Smarthost smarthost, String password) {
        this.smarthost = smarthost;
        this.password = password;
    }

    Attempt failed(Throwable failure) {
        if (failure instanceof SMTPException smtp) {
            return replied(smtp);
        }
        if (failure instanceof ConnectException) {
            // includes Netty's ConnectTimeoutException
            return Attempt.retry(0, null, "cannot connect to " + smarthost + " (" + failure.getClass().getSimpleName() + ")");
        }
        return Attempt.retry(0, null, clean("SMTP exchange with " + smarthost + " failed: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " " + failure.getMessage())));
    }

    Attempt timedOut(Duration timeout) {
        return Attempt.retry(0, null, "no answer from " + smarthost + " within " + timeout.toMillis() + "ms");
    }

    private Attempt replied(SMTPException e) {
        int code = e.getReplyCode();
        String stage = e.getMessage() == null ? "" : e.getMessage();
        String detail;
        if (stage.startsWith("AUTH")) {
            detail = "SMTP " + code + " from " + smarthost + ": authentication failed (reply not logged, it may quote credentials)";
        } else {
            detail = clean("SMTP " + code + " from " + smarthost + ": " + stage);
        }
        if (code >= 500 && code < 600) {
            return Attempt.rejected(code, detail);
        }
        // 4xx is transient by definition (RFC 5321 4.2.1); anything stranger is treated the same, as not final
        return Attempt.retry(code, null, detail);
    }

    /** One line, bounded, and without the password even if a server or library echoed it. */
    private String clean(String detail) {
        String s = password == null || password.isEmpty() ? detail : detail.replace(password, "(secret)");
        s = s.replaceAll("\\p{Cntrl}+", " ").strip();
        return s.length() > MAX_DETAIL_LENGTH ? s.substring(0, MAX_DETAIL_LENGTH - 1) + "…" : s;
    }
}
