package io.vigil.query.promql;

import io.vigil.promql.ast.Expr;
import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;

/** Maps the shared PromQL parser's errors onto query errors. */
final class ParserBridge {
    private ParserBridge() {
    }

    static Expr parse(String query) {
        try {
            return PromqlParser.parse(query);
        } catch (PromqlParseException e) {
            throw new QueryException(QueryException.Kind.BAD_DATA, e.getMessage(), e);
        }
    }
}
