package io.vigil.promql.ast;

/** PromQL value types, named as the Prometheus HTTP API names them in {@code resultType}. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("vector"), MATRIX("matrix"), STRING("string");

    private final String apiName;

    ValueType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
