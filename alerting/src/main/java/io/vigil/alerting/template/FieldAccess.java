package io.vigil.alerting.template;

import io.vigil.alerting.template.Values.FunctionError;
import java.util.List;
import java.util.Map;

/** {@code .Field} and {@code $x.key}: the fields templates may read from the data, samples and maps. */
final class FieldAccess {
    private FieldAccess() {
    }

    static Object fields(Object receiver, List<String> names, Object at) throws FunctionError {
        Object v = receiver;
        for (String name : names) {
            v = switch (v) {
                case TemplateData d -> switch (name) {
                    case "Labels" -> d.labels();
                    case "Value" -> d.value();
                    case "ExternalLabels" -> d.externalLabels();
                    case "ExternalURL" -> d.externalUrl();
                    default -> throw new FunctionError("can't evaluate field " + name + " in type template.AlertTemplateData");
                };
                case QueryFunction.Sample s -> switch (name) {
                    case "Labels" -> s.labels();
                    case "Value" -> s.value();
                    default -> throw new FunctionError("can't evaluate field " + name + " in type *template.sample");
                };
                // Prometheus executes with missingkey=zero: a missing label is "".
                case Map<?, ?> m -> m.containsKey(name) ? m.get(name) : m instanceof Values.ArgsMap ? null : "";
                case null -> throw new FunctionError("nil pointer evaluating " + at);
                default -> throw new FunctionError("can't evaluate field " + name + " in type " + Values.typeName(v));
            };
        }
        return v;
    }
}
