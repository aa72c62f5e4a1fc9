package io.vigil.alerting.rules;

import java.util.Map;

/** A rule of a group: {@link AlertingRule} or {@link RecordingRule}. */
public sealed interface Rule permits AlertingRule, RecordingRule {
    /** The alert name or the recorded metric name. */
    String name();

    /** The PromQL expression, as written. */
    String expr();

    /** Labels added to the results (for alerts: templates, expanded per alert). */
    Map<String, String> labels();

    /** Line of the rule in its file (1-based). */
    int line();
}
