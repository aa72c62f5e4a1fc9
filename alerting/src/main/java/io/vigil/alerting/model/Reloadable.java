package io.vigil.alerting.model;

import java.util.List;

/**
 * Configuration that {@code POST /-/reload} (and a change of its files) reloads: the rule files, the
 * routing configuration. A reload that finds errors keeps the previous good configuration.
 */
public interface Reloadable {
    /** What is reloaded, for messages ("rules", "routing"). */
    String what();

    /**
     * Reloads now. Returns the errors found ("file:line:column: reason"), empty when the new
     * configuration was taken; {@code actor} is recorded in the audit log when something changed.
     */
    List<String> reload(String actor);
}
