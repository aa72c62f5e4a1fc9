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
