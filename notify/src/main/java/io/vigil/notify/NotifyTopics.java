package io.vigil.notify;

/** Kafka topics owned by notify (vigil.notifications itself is a shared contract: io.vigil.kafka.Topics). */
public final class NotifyTopics {
    /** Notifications given up on, with the reason in the {@code vigil-dead-letter-reason} header. */
    public static final String DEAD_LETTERS = "vigil.notifications.dead";
    public static final String REASON_HEADER = "vigil-dead-letter-reason";
    public static final String RECEIVER_HEADER = "vigil-receiver";

    private NotifyTopics() {
    }
}
