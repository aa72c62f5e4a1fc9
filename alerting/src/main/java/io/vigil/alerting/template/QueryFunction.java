package io.vigil.alerting.template;

import java.util.List;
import java.util.Map;

/** PLACEHOLDER for merge. */
public interface QueryFunction {
    List<Sample> query(String expr) throws Exception;

    record Sample(Map<String, String> labels, double value) {
    }
}
