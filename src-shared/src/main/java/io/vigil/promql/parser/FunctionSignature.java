package io.vigil.promql.parser;

import io.vigil.promql.ast.ValueType;
import java.util.List;

/**
 * What a PromQL function takes and returns. {@code variadic} follows Prometheus: 0 means exactly
 * {@code argTypes.size()} arguments; {@code n > 0} means the last argument type is optional and may
 * be given up to {@code n} times; {@code -1} means the last argument type is optional and may repeat
 * without limit ({@code label_join}'s source labels).
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
    public FunctionSignature {
        argTypes = List.copyOf(argTypes);
    }

    public int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** Most arguments accepted, or {@link Integer#MAX_VALUE} when unlimited. */
    public int maxArgs() {
        if (variadic == 0) {
            return argTypes.size();
        }
        return variadic < 0 ? Integer.MAX_VALUE : argTypes.size() - 1 + variadic;
    }

    /** The expected type of argument {@code index} (repeated arguments take the last declared type). */
    public ValueType argType(int index) {
        return argTypes.get(Math.min(index, argTypes.size() - 1));
    }
}
