/**
 * The PromQL parser: {@link io.vigil.promql.parser.PromqlParser} turns query text into the AST of
 * {@code io.vigil.promql.ast}; {@link io.vigil.promql.parser.Functions} lists the functions it knows.
 *
 * <p>Where the grammar leaves room, it follows Prometheus 3: keywords and aggregation names are
 * case-insensitive, function names are not; {@code sum}, {@code by}, {@code offset} and friends are
 * metric names wherever an operand is expected unless followed by {@code (}; a sign on a number literal
 * is folded into it; durations in expressions are numbers of seconds and plain numbers are seconds in
 * ranges and offsets; integer literals with a leading zero are octal. Metric names are held as the
 * first matcher ({@code __name__="…"}), whether written before the braces or quoted inside them.
 *
 * <p>Layout: {@code Lexer} (tokens, strings via {@code StringUnquoter}), {@code ExprParser} (operators,
 * calls, aggregations), {@code SelectorParser} (selectors and label lists), {@code PostfixParser}
 * (ranges, subqueries, {@code offset}, {@code @}), {@code TypeRules} (the type checks), {@code Numbers}
 * and {@code Durations} (literal values).
 */
package io.vigil.promql.parser;
