package io.vigil.notify.channel.email;

import io.vertx.core.Vertx;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Builds {@code type: email} receivers, checking their settings when the receivers load. Outside CDI (tests,
 * tools) construct it with a {@link Vertx} you own and close.
 *
 * <p>Receiver settings:
 * <pre>
 * - name: dba-mail
 *   type: email
 *   to: [dba@example.com, "On call &lt;oncall@example.com&gt;"]   # required, one address or a list
 *   from: "Vigil &lt;vigil@example.com&gt;"                       # required
 *   smarthost: smtp.example.com:587                             # required, host:port ([v6]:port)
 *   starttls: required         # required | optional | disabled; default required with a username, else optional
 *   username: vigil            # optional; then password_env or password_file is required
 *   password_env: SMTP_PASSWORD
 *   timeout: 10s               # whole exchange, connect to final reply
 *   subject: "[prod]"          # optional subject prefix
 * </pre>
 *
 * With a username, {@code starttls} must stay {@code required} unless the smarthost is a loopback address,
 * so a password never crosses a network in clear. The certificate must match the smarthost's name.
 * Implicit TLS (port 465, "SMTPS") is not supported, and that port is refused: use 587 with STARTTLS.
 */
@ApplicationScoped
public class EmailChannelFactory implements ChannelFactory {
    static final String TYPE = "email";

    private final Vertx vertx;
    private final EmailTemplates templates = new EmailTemplates();

    @Inject
    public EmailChannelFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Channel create(ReceiverConfig config) throws ReceiverConfigException {
        return new EmailChannel(EmailSettings.parse(config), vertx, templates);
    }
}
