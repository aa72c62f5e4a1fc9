package io.vigil.promql.parser;

/** Kinds of PromQL tokens, with how error messages name them. */
enum TokenKind {
    IDENTIFIER("identifier"), NUMBER("number"), DURATION("duration"), STRING("string"),
    LEFT_PAREN("\"(\""), RIGHT_PAREN("\")\""), LEFT_BRACE("\"{\""), RIGHT_BRACE("\"}\""),
    LEFT_BRACKET("\"[\""), RIGHT_BRACKET("\"]\""), COMMA("\",\""), COLON("\":\""),
    ASSIGN("\"=\""), EQL("\"==\""), NEQ("\"!=\""), EQL_REGEX("\"=~\""), NEQ_REGEX("\"!~\""),
    LSS("\"<\""), GTR("\">\""), LTE("\"<=\""), GTE("\">=\""),
    ADD("\"+\""), SUB("\"-\""), MUL("\"*\""), DIV("\"/\""), MOD("\"%\""), POW("\"^\""), AT("\"@\""),
    EOF("end of input");

    private final String description;

    TokenKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
