package io.vigil.query.promql;

import io.vigil.promql.ast.Expr;

/** Maps the shared PromQL parser's errors onto query errors. */
final class ParserBridge {
    private ParserBridge() {
    }

    static Expr parse(String query) {
        // Replaced by the call into io.vigil.promql.parser.PromqlParser once that branch is merged.
        throw new QueryException(QueryException.Kind.BAD_DATA, "PromQL parser not available yet");
    }
}
