package io.vigil.notify.receivers;

import io.vigil.notify.NotifyConfig;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.Channels;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import io.vigil.notify.pipeline.DeliveryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receivers of this notify instance, built once from the receivers file at start-up. A file with
 * any invalid receiver stops the start with the file, line and reason: better no notify than one
 * that silently drops a team's pages.
 */
@ApplicationScoped
public class ReceiverRegistry {
    /** A receiver ready to deliver. */
    public record Receiver(Channel channel, DeliveryPolicy policy) {
    }

    private final Map<String, Receiver> receivers;

    ReceiverRegistry(NotifyConfig config, Channels channels) throws ReceiverConfigException {
        Map<String, Receiver> built = new LinkedHashMap<>();
        if (config.receiversFile().isPresent()) {
            List<ReceiverConfig> configs = ReceiversFile.load(Path.of(config.receiversFile().get()), System::getenv);
            for (ReceiverConfig rc : configs) {
                built.put(rc.name(), new Receiver(channels.create(rc), DeliveryPolicy.of(rc, config)));
            }
        }
        receivers = Collections.unmodifiableMap(built);
    }

    public Receiver get(String name) {
        return receivers.get(name);
    }

    public Map<String, Receiver> all() {
        return receivers;
    }
}
