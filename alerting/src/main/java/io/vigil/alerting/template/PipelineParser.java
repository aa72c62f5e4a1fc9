package io.vigil.alerting.template;

import io.vigil.alerting.template.Lexer.Kind;
import io.vigil.alerting.template.Lexer.Token;
import io.vigil.alerting.template.Nodes.Arg;
import io.vigil.alerting.template.Nodes.Command;
import io.vigil.alerting.template.Nodes.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Pipelines inside actions: declarations, commands separated by {@code |}, operands, parentheses. */
final class PipelineParser {
    private final String name;
    private final String src;
    private final TokenCursor cursor;
    /** The variables in scope, shared with {@link Parser}, which opens and closes scopes. */
    private final List<String> vars;
    private final Set<String> functions;
    private int depth;

    PipelineParser(String name, String src, TokenCursor cursor, List<String> vars, Set<String> functions) {
        this.name = name;
        this.src = src;
        this.cursor = cursor;
        this.vars = vars;
        this.functions = functions;
    }

    /** A pipeline up to and including {@code end}. */
    Pipe pipeline(String context, Kind end, boolean range) throws TemplateException {
        int pos = peek().pos();
        List<String> decl = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int save = cursor.mark();
            Token v = take();
            Token op = peek();
            if (op.kind() == Kind.DECLARE || op.kind() == Kind.ASSIGN) {
                take();
                assign = op.kind() == Kind.ASSIGN;
                decl.add(v.text());
            } else if (op.kind() == Kind.COMMA && range) {
                take();
                Token v2 = take();
                Token op2 = take();
                if (v2.kind() != Kind.VARIABLE || (op2.kind() != Kind.DECLARE && op2.kind() != Kind.ASSIGN)) {
                    throw error(v2.pos(), "range can only initialize variables");
                }
                assign = op2.kind() == Kind.ASSIGN;
                decl.add(v.text());
                decl.add(v2.text());
            } else {
                cursor.reset(save);
            }
            for (String d : decl) {
                if (assign && !vars.contains(d)) {
                    throw error(v.pos(), "undefined variable \"" + d + "\"");
                }
            }
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == end) {
                take();
                break;
            }
            if (t.kind() == Kind.EOF || t.kind() == Kind.RIGHT) {
                throw error(t.pos(), t.kind() == Kind.RIGHT ? "unclosed left paren" : "unclosed action");
            }
            cmds.add(command());
            if (peek().kind() == Kind.PIPE) {
                take();
                if (peek().kind() == end) {
                    throw error(peek().pos(), "missing command after |");
                }
            }
        }
        if (cmds.isEmpty()) {
            throw error(pos, "missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Arg first = cmds.get(i).args().get(0);
            if (!(first instanceof Nodes.Identifier || first instanceof Nodes.Field || first instanceof Nodes.Chain
                    || first instanceof Nodes.Variable)) {
                throw error(first.pos(), "non executable command in pipeline stage " + (i + 1));
            }
        }
        if (cmds.size() == 1 && cmds.get(0).args().size() == 1 && cmds.get(0).args().get(0) instanceof Nodes.Nil n) {
            throw error(n.pos(), "nil is not a command");
        }
        if (!assign) {
            vars.addAll(decl);
        }
        return new Pipe(pos, assign, decl, cmds);
    }

    private Command command() throws TemplateException {
        int pos = peek().pos();
        List<Arg> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.PIPE || t.kind() == Kind.RIGHT || t.kind() == Kind.RPAREN) {
                break;
            }
            if (!args.isEmpty() && !t.spaceBefore() && t.kind() != Kind.LPAREN) {
                throw error(t.pos(), "missing space?");
            }
            args.add(operand());
        }
        if (args.isEmpty()) {
            throw error(pos, "missing value for command");
        }
        return new Command(pos, args);
    }

    private Arg operand() throws TemplateException {
        Arg term = term();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD && !peek().spaceBefore()) {
            fields.add(take().text().substring(1));
        }
        if (fields.isEmpty()) {
            return term;
        }
        return switch (term) {
            case Nodes.Variable v -> new Nodes.Variable(v.pos(), v.name(), fields);
            case Nodes.Field f -> {
                List<String> all = new ArrayList<>(f.names());
                all.addAll(fields);
                yield new Nodes.Field(f.pos(), all);
            }
            case Nodes.Dot d -> throw error(d.pos(), "unexpected . after term \".\"");
            case Nodes.SubPipe s -> new Nodes.Chain(s.pos(), s, fields);
            default -> throw error(term.pos(), "unexpected . after term \"" + term + "\"");
        };
    }

    private Arg term() throws TemplateException {
        Token t = take();
        return switch (t.kind()) {
            case IDENT -> {
                if (!functions.contains(t.text())) {
                    throw error(t.pos(), "function \"" + t.text() + "\" not defined");
                }
                yield new Nodes.Identifier(t.pos(), t.text());
            }
            case DOT -> new Nodes.Dot(t.pos());
            case NIL -> new Nodes.Nil(t.pos());
            case VARIABLE -> {
                if (!vars.contains(t.text())) {
                    throw error(t.pos(), "undefined variable \"" + t.text() + "\"");
                }
                yield new Nodes.Variable(t.pos(), t.text(), List.of());
            }
            case FIELD -> new Nodes.Field(t.pos(), List.of(t.text().substring(1)));
            case BOOL -> new Nodes.Bool(t.pos(), t.text().equals("true"));
            case NUMBER -> new Nodes.Number(t.pos(), GoFormat.parseNumber(t.text()), t.text());
            case CHAR -> new Nodes.Number(t.pos(), Long.parseLong(t.text()), src.substring(t.pos(), t.pos() + 1));
            case STRING -> new Nodes.Str(t.pos(), t.text());
            case LPAREN -> {
                if (++depth > Parser.MAX_DEPTH) {
                    throw error(t.pos(), "parentheses nested deeper than " + Parser.MAX_DEPTH);
                }
                Pipe p = pipeline("parenthesized pipeline", Kind.RPAREN, false);
                depth--;
                yield new Nodes.SubPipe(t.pos(), p);
            }
            case KEYWORD -> throw error(t.pos(), "unexpected <" + t.text() + "> in operand");
            default -> throw error(t.pos(), "unexpected \"" + t.text() + "\" in operand");
        };
    }

    private Token take() {
        return cursor.take();
    }

    private Token peek() {
        return cursor.peek();
    }

    private TemplateException error(int at, String reason) {
        return Positions.error(name, src, at, reason);
    }
}
