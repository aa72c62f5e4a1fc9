package io.vigil.query.storage;

import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.Selection;
import io.vigil.query.promql.SeriesData;
import io.vigil.query.promql.SeriesSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** TEMPORARY stub (branch wip/storage); removed when that branch is merged. */
@ApplicationScoped
public class SqlSeriesSource implements SeriesSource {
    @Override
    public List<SeriesData> select(Selection selection, QueryContext context) {
        return List.of();
    }
}
