package io.vigil.query.promql.engine;

import io.vigil.query.promql.LabelSet;

/**
 * One series of an instant-vector expression evaluated at every step: the value at step i is
 * {@code values[i]} when {@code present[i]}. Mutable while its producer fills it, then treated as
 * read-only.
 */
public final class StepSeries {
    final LabelSet labels;
    final double[] values;
    final boolean[] present;

    StepSeries(LabelSet labels, int steps) {
        this(labels, new double[steps], new boolean[steps]);
    }

    StepSeries(LabelSet labels, double[] values, boolean[] present) {
        this.labels = labels;
        this.values = values;
        this.present = present;
    }

    void set(int step, double value) {
        values[step] = value;
        present[step] = true;
    }

    boolean isEmpty() {
        for (boolean p : present) {
            if (p) {
                return false;
            }
        }
        return true;
    }

    /** The same points under other labels (shares the arrays). */
    StepSeries relabel(LabelSet newLabels) {
        return new StepSeries(newLabels, values, present);
    }

    /** The present steps as points: {@code times[k]} is the time of the k-th present step. */
    record Points(long[] times, double[] values, int size) {
    }

    /** Compacts the present steps into arrays, the time of step i given by {@code timeOfStep}. */
    Points points(java.util.function.IntToLongFunction timeOfStep) {
        int n = 0;
        for (boolean p : present) {
            if (p) {
                n++;
            }
        }
        long[] t = new long[n];
        double[] v = new double[n];
        int j = 0;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                t[j] = timeOfStep.applyAsLong(i);
                v[j++] = values[i];
            }
        }
        return new Points(t, v, n);
    }
}
