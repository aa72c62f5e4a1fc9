package io.vigil.promql.parser;

import io.vigil.promql.ast.Expr;

/**
 * An expression while it is being parsed: where it starts in the query (the AST keeps no positions)
 * and how deep its tree is, so that type errors can point at it and over-deep trees are refused
 * before anything recurses over them.
 */
record Parsed(Expr expr, int start, int depth) {
    Parsed wrap(Expr outer, int outerStart) {
        return new Parsed(outer, outerStart, depth + 1);
    }
}
