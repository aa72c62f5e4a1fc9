package io.vigil.alerting.eval;

import java.util.Map;

/** A sample a group's evaluation writes back: a recording rule result, ALERTS or ALERTS_FOR_STATE. */
public record OutputSample(String metric, Map<String, String> labels, double value) {
}
