package io.vigil.notify.channel.phone;

import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.http.HttpDelivery;
import java.util.List;
import java.util.Locale;

/**
 * Texts and/or calls every number of a receiver through a Twilio-compatible API.
 *
 * <p>Messages go out one after the other, every recipient even when an earlier one failed, so one bad
 * number does not silence the rest; a delivery therefore takes up to (recipients x modes x timeout).
 * How the outcomes combine, and why a retry reaches everyone again, is in {@link PhoneOutcome}.
 */
final class PhoneChannel implements Channel {
    private final String receiver;
    private final TwilioRequests twilio;
    private final List<String> to;
    private final PhoneMode mode;

    PhoneChannel(String receiver, TwilioRequests twilio, List<String> to, PhoneMode mode) {
        this.receiver = receiver;
        this.twilio = twilio;
        this.to = List.copyOf(to);
        this.mode = mode;
    }

    @Override
    public String receiver() {
        return receiver;
    }

    @Override
    public String type() {
        return PhoneChannelFactory.TYPE;
    }

    @Override
    public Attempt deliver(Notification n) {
        String sms = mode.texts() ? PhoneText.sms(n) : null;
        String spoken = mode.calls() ? PhoneText.spoken(n) : null;
        PhoneOutcome outcome = new PhoneOutcome();
        int lastStatus = 0;
        for (int i = 0; i < to.size(); i++) {
            if (sms != null) {
                Attempt a = HttpDelivery.send(twilio.sms(to.get(i), sms));
                outcome.add("to[" + i + "] sms", a);
                lastStatus = a.statusCode();
            }
            if (spoken != null) {
                Attempt a = HttpDelivery.send(twilio.call(to.get(i), spoken));
                outcome.add("to[" + i + "] call", a);
                lastStatus = a.statusCode();
            }
        }
        return outcome.attempt(lastStatus);
    }

    /** Names the receiver only: the auth token is a secret. */
    @Override
    public String toString() {
        return "PhoneChannel[" + receiver + ", " + mode.name().toLowerCase(Locale.ROOT) + ", " + to.size() + " recipients]";
    }
}
