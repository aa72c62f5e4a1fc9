package io.vigil.query.promql;

import io.vigil.promql.ast.ValueType;
import java.util.List;

/**
 * The result of evaluating a query, shaped as the Prometheus HTTP API returns it. Timestamps are
 * milliseconds since the epoch.
 */
public sealed interface QueryValue {
    ValueType type();

    record Scalar(long timeMillis, double value) implements QueryValue {
        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    record Text(long timeMillis, String value) implements QueryValue {
        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** One element of an instant vector. */
    record Sample(LabelSet labels, long timeMillis, double value) {
    }

    record Vector(List<Sample> samples) implements QueryValue {
        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** One series of a matrix: {@code size} points in time order. */
    record Series(LabelSet labels, long[] times, double[] values, int size) {
    }

    record Matrix(List<Series> series) implements QueryValue {
        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }
}
