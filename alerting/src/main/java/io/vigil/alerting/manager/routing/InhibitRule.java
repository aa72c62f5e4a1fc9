package io.vigil.alerting.manager.routing;

import io.vigil.alerting.manager.match.Matcher;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutes alerts matching {@code target} while an alert matching {@code source} fires with the same values
 * of the {@code equal} labels (a label missing on both counts as equal, as in Alertmanager).
 */
public record InhibitRule(List<Matcher> source, List<Matcher> target, List<String> equal) {
    public InhibitRule {
        source = List.copyOf(source);
        target = List.copyOf(target);
        equal = List.copyOf(equal);
    }

    /** Whether a firing {@code sourceLabels} alert inhibits {@code targetLabels} under this rule. */
    public boolean inhibits(Map<String, String> sourceLabels, Map<String, String> targetLabels) {
        if (!Matcher.all(target, targetLabels) || !Matcher.all(source, sourceLabels)) {
            return false;
        }
        for (String name : equal) {
            if (!Objects.equals(sourceLabels.getOrDefault(name, ""), targetLabels.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
