package io.vigil.query.promql.datafile;

import java.util.List;

/** Puts the series of a data file's {@code load} blocks into the store the queries read. */
public interface Loader {
    /** Adds series (a series loaded twice gets the samples of both loads). */
    void load(List<LoadedSeries> series);

    /** Removes everything loaded so far ({@code clear} in a data file). */
    void clear();
}
