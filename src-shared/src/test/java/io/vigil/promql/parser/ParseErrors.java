package io.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;

/** Assertions on the errors the parser reports. */
final class ParseErrors {
    private ParseErrors() {
    }

    /** Asserts that {@code query} is refused with exactly {@code reason} at character {@code position}. */
    static void assertError(String query, int position, String reason) {
        assertThatThrownBy(() -> PromqlParser.parse(query))
                .as("query %s", query)
                .isInstanceOfSatisfying(PromqlParseException.class, e -> {
                    Assertions.assertThat(e.reason()).as("reason for %s", query).isEqualTo(reason);
                    Assertions.assertThat(e.position()).as("position for %s", query).isEqualTo(position);
                });
    }

    /** Asserts that {@code query} is refused with a reason containing {@code fragment}. */
    static void assertErrorContains(String query, String fragment) {
        assertThatThrownBy(() -> PromqlParser.parse(query))
                .as("query %s", query)
                .isInstanceOf(PromqlParseException.class)
                .hasMessageContaining(fragment);
    }
}
