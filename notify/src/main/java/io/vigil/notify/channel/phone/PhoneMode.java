package io.vigil.notify.channel.phone;

/** How a phone receiver is reached: a text message, a call that reads the alert out, or both. */
enum PhoneMode {
    SMS, CALL, BOTH;

    boolean texts() {
        return this != CALL;
    }

    boolean calls() {
        return this != SMS;
    }
}
