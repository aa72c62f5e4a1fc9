package io.vigil.notify.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place every channel type is registered: each channel package contributes an
 * {@code @ApplicationScoped} {@link ChannelFactory} (webhook, email, pagerduty, phone).
 */
@ApplicationScoped
public class Channels {
    private final Map<String, ChannelFactory> byType = new TreeMap<>();

    Channels(Instance<ChannelFactory> factories) {
        for (ChannelFactory f : factories) {
            ChannelFactory previous = byType.put(f.type(), f);
            if (previous != null) {
                throw new IllegalStateException("two channel factories for type " + f.type());
            }
        }
    }

    public Channel create(ReceiverConfig config) throws ReceiverConfigException {
        ChannelFactory f = byType.get(config.type());
        if (f == null) {
            throw new ReceiverConfigException(config.where() + ": receiver \"" + config.name() + "\": type \"" + config.type()
                    + "\" is not one of " + byType.keySet());
        }
        return f.create(config);
    }
}
