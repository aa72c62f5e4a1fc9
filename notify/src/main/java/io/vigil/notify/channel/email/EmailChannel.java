package io.vigil.notify.channel.email;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one receiver's notifications as mail to its smarthost. Usage (normally through
 * {@link EmailChannelFactory}):
 *
 * <pre>{@code
 * Channel mail = factory.create(receiverConfig);
 * Attempt a = mail.deliver(notification);   // blocks up to the receiver's timeout
 * }</pre>
 *
 * <p>Each delivery opens its own client and connection and closes them afterwards. Alert mail is rare, so
 * a pool buys nothing, and a channel has no close hook: a client kept per channel would leak its timers
 * every time the receivers are reloaded.
 */
final class EmailChannel implements Channel {
    /** Lets a reader of the mailbox (or a filter) recognise a notification sent twice by at-least-once delivery. */
    static final String NOTIFICATION_ID_HEADER = "X-Vigil-Notification-Id";

    private final EmailSettings settings;
    private final Vertx vertx;
    private final EmailTemplates templates;
    private final MailConfig mailConfig;
    private final SmtpOutcome outcome;

    EmailChannel(EmailSettings settings, Vertx vertx, EmailTemplates templates) {
        this.settings = settings;
        this.vertx = vertx;
        this.templates = templates;
        this.mailConfig = mailConfig(settings);
        this.outcome = new SmtpOutcome(settings.smarthost(), settings.password());
    }

    @Override
    public String receiver() {
        return settings.receiver();
    }

    @Override
    public String type() {
        return EmailChannelFactory.TYPE;
    }

    @Override
    public Attempt deliver(Notification notification) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("EmailChannel.deliver blocks; call it from a worker thread");
        }
        MailMessage message;
        try {
            message = message(notification, templates.render(notification, settings.subjectPrefix()));
        } catch (RuntimeException e) {
            // the same notification would fail the same way again: dead-letter it where someone will look
            return Attempt.rejected(0, "cannot render the mail (" + e.getClass().getSimpleName() + ")");
        }
        MailClient client = MailClient.create(vertx, mailConfig);
        try {
            client.sendMail(message).toCompletionStage().toCompletableFuture()
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return Attempt.delivered(250);
        } catch (ExecutionException e) {
            return outcome.failed(e.getCause());
        } catch (TimeoutException e) {
            return outcome.timedOut(settings.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry(0, null, "interrupted while sending to " + settings.smarthost());
        } finally {
            client.close(); // also abandons a send still waiting for the server after a timeout
        }
    }

    private MailMessage message(Notification notification, EmailContent content) {
        MailMessage m = new MailMessage().setFrom(settings.from()).setTo(settings.to()).setSubject(content.subject())
                .setText(content.text()).setHtml(content.html());
        if (notification.id() != null) {
            m.setHeaders(MultiMap.caseInsensitiveMultiMap()
                    .add(NOTIFICATION_ID_HEADER, EmailTemplates.headerLine(notification.id())));
        }
        return m;
    }

    private static MailConfig mailConfig(EmailSettings s) {
        int timeoutMillis = (int) s.timeout().toMillis();
        MailConfig c = new MailConfig().setHostname(s.smarthost().host()).setPort(s.smarthost().port())
                .setStarttls(s.starttls()).setKeepAlive(false).setUserAgent("Vigil")
                .setConnectTimeout(timeoutMillis).setSslHandshakeTimeout(timeoutMillis)
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        c.setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setIdleTimeout(timeoutMillis);
        // Vert.x checks only the certificate chain by default; without the name check any publicly trusted
        // certificate, for any host, would do for a man in the middle of STARTTLS
        c.setHostnameVerificationAlgorithm("HTTPS");
        if (s.username() == null) {
            return c.setLogin(LoginOption.DISABLED);
        }
        // REQUIRED: a server that offers no AUTH gets no mail rather than unauthenticated mail. Only the
        // password mechanisms: XOAUTH2 would hand the password over as a bearer token.
        return c.setLogin(LoginOption.REQUIRED).setUsername(s.username()).setPassword(s.password())
                .setAuthMethods("PLAIN LOGIN");
    }
}
