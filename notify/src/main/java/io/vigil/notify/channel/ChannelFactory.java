package io.vigil.notify.channel;

/**
 * Builds channels of one type from receiver configuration; each channel package has one, registered
 * in {@link io.vigil.notify.channel.Channels}. Validation happens here, so a bad receiver is refused
 * when the configuration loads, with the receiver and key named, not at 3 a.m. on the first page.
 */
public interface ChannelFactory {
    /** The {@code type:} value this factory handles. */
    String type();

    Channel create(ReceiverConfig config) throws ReceiverConfigException;
}
