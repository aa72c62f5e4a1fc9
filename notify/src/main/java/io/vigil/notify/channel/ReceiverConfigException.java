package io.vigil.notify.channel;

/** A receiver whose configuration cannot work; the message names the receiver, the key and why. */
public class ReceiverConfigException extends Exception {
    public ReceiverConfigException(String message) {
        super(message);
    }
}
