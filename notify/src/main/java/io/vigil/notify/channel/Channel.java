package io.vigil.notify.channel;

import io.vigil.model.Notification;

/**
 * One configured receiver's way of delivering: a webhook URL, a PagerDuty routing key, a mailbox, a
 * phone number. Created by a {@link ChannelFactory} from the receiver's configuration.
 *
 * <p>{@link #deliver} is blocking and bounded by the receiver's timeout; it never throws for a
 * delivery problem (it returns a {@link Attempt} saying whether to retry), and no secret of the
 * receiver may appear in the returned detail, in exceptions or in logs.
 */
public interface Channel {
    /** The receiver's name, as alerting's routes refer to it. */
    String receiver();

    /** The channel type: webhook, email, pagerduty, phone. */
    String type();

    Attempt deliver(Notification notification);
}
