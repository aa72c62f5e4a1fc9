package io.vigil.notify.pipeline;

import io.vigil.model.Notification;

/** A notification taken from Kafka, on its way to its receiver; {@code raw} is the record as read. */
public record Delivery(Notification notification, byte[] raw, int partition, long offset) {
}
