package io.vigil.alerting.template;

import io.vigil.alerting.template.Lexer.Kind;
import io.vigil.alerting.template.Lexer.Token;
import io.vigil.alerting.template.Nodes.Arg;
import io.vigil.alerting.template.Nodes.Branch;
import io.vigil.alerting.template.Nodes.BranchNode;
import io.vigil.alerting.template.Nodes.Command;
import io.vigil.alerting.template.Nodes.ListNode;
import io.vigil.alerting.template.Nodes.Node;
import io.vigil.alerting.template.Nodes.Pipe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the node tree from tokens, checking at parse time what Go checks then: known functions,
 * declared variables, balanced control structures, nesting depth.
 */
final class Parser {
    static final int MAX_DEPTH = 100;

    /** The variables Prometheus declares in front of every alert template. */
    static final List<String> PREDECLARED = List.of("$", "$labels", "$externalLabels", "$externalURL", "$value");

    private final String name;
    private final String src;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Map<String, ListNode> defined = new HashMap<>();
    private final List<String> vars = new ArrayList<>(PREDECLARED);
    private int next;
    private int depth;
    private int rangeDepth;

    private Parser(String name, String src, List<Token> tokens, Set<String> functions) {
        this.name = name;
        this.src = src;
        this.tokens = tokens;
        this.functions = functions;
    }

    record Parsed(ListNode root, Map<String, ListNode> defined) {
    }

    static Parsed parse(String name, String src, Set<String> functions) throws TemplateException {
        Parser p = new Parser(name, src, Lexer.tokenize(name, src), functions);
        List<Node> nodes = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            Token t = p.peek();
            if (t.kind() == Kind.LEFT && p.peekAt(1).kind() == Kind.KEYWORD && p.peekAt(1).text().equals("define")) {
                p.define();
                continue;
            }
            Node n = p.node();
            if (n == null) {
                throw p.error(t.pos(), "unexpected {{" + p.lastKeyword + "}}");
            }
            nodes.add(n);
        }
        return new Parsed(new ListNode(nodes), Map.copyOf(p.defined));
    }

    private String lastKeyword;

    /** One node, or null at {@code {{end}}} / {@code {{else}}} (then {@link #lastKeyword} says which). */
    private Node node() throws TemplateException {
        Token t = take();
        if (t.kind() == Kind.TEXT) {
            return new Nodes.TextNode(t.text());
        }
        if (t.kind() == Kind.EOF) {
            throw error(src.length(), "unexpected EOF");
        }
        Token k = peek();
        if (k.kind() == Kind.KEYWORD) {
            take();
            switch (k.text()) {
                case "end", "else" -> {
                    lastKeyword = k.text();
                    if (k.text().equals("end")) {
                        expect(Kind.RIGHT, "end");
                    }
                    return null;
                }
                case "if" -> {
                    return branch(Branch.IF, k.pos());
                }
                case "with" -> {
                    return branch(Branch.WITH, k.pos());
                }
                case "range" -> {
                    return branch(Branch.RANGE, k.pos());
                }
                case "template" -> {
                    return template(k.pos());
                }
                case "break", "continue" -> {
                    if (rangeDepth == 0) {
                        throw error(k.pos(), "{{" + k.text() + "}} outside {{range}}");
                    }
                    expect(Kind.RIGHT, k.text());
                    return new Nodes.LoopControl(k.pos(), k.text().equals("break"));
                }
                default -> throw error(k.pos(), "unexpected {{" + k.text() + "}}"
                        + (k.text().equals("define") ? " inside another action" : ""));
            }
        }
        Pipe pipe = pipeline("command", Kind.RIGHT, false);
        return new Nodes.ActionNode(t.pos(), pipe);
    }

    private BranchNode branch(Branch kind, int pos) throws TemplateException {
        if (++depth > MAX_DEPTH) {
            throw error(pos, "control structures nested deeper than " + MAX_DEPTH);
        }
        String word = kind.name().toLowerCase();
        int scope = vars.size();
        Pipe pipe = pipeline(word, Kind.RIGHT, kind == Branch.RANGE);
        if (kind == Branch.RANGE) {
            rangeDepth++;
        }
        ListNode list = list();
        if (kind == Branch.RANGE) {
            rangeDepth--;
        }
        ListNode elseList = null;
        if ("else".equals(lastKeyword)) {
            Token after = peek();
            if (after.kind() == Kind.KEYWORD && (after.text().equals("if") || after.text().equals("with"))
                    && kind != Branch.RANGE) {
                take();
                // {{else if x}} is {{else}}{{if x}}...{{end}} sharing the outer {{end}}.
                elseList = new ListNode(List.of(branch(after.text().equals("if") ? Branch.IF : Branch.WITH, after.pos())));
            } else {
                expect(Kind.RIGHT, "else");
                elseList = list();
                if (!"end".equals(lastKeyword)) {
                    throw error(peek().pos(), "expected end; found {{else}}");
                }
            }
        }
        vars.subList(scope, vars.size()).clear();
        depth--;
        return new BranchNode(kind, pos, pipe, list, elseList);
    }

    /** Nodes up to {@code {{end}}} or {@code {{else}}}. */
    private ListNode list() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            if (peek().kind() == Kind.EOF) {
                throw error(src.length(), "unexpected EOF");
            }
            Node n = node();
            if (n == null) {
                return new ListNode(nodes);
            }
            nodes.add(n);
        }
    }

    private void define() throws TemplateException {
        take();
        Token kw = take();
        Token nameToken = take();
        if (nameToken.kind() != Kind.STRING) {
            throw error(nameToken.pos(), "expected string for define; found " + nameToken.text());
        }
        expect(Kind.RIGHT, "define");
        // A defined template sees only its own variables and $ (its dot), as in Go.
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        ListNode body = list();
        if (!"end".equals(lastKeyword)) {
            throw error(kw.pos(), "unexpected {{else}} in define");
        }
        vars.clear();
        vars.addAll(saved);
        defined.put(nameToken.text(), body);
    }

    private Nodes.TemplateNode template(int pos) throws TemplateException {
        Token nameToken = take();
        if (nameToken.kind() != Kind.STRING) {
            throw error(nameToken.pos(), "unexpected \"" + nameToken.text() + "\" in template clause");
        }
        Pipe pipe = null;
        if (peek().kind() != Kind.RIGHT) {
            pipe = pipeline("template", Kind.RIGHT, false);
        } else {
            take();
        }
        return new Nodes.TemplateNode(pos, nameToken.text(), pipe);
    }

    /** A pipeline up to and including {@code end}. */
    private Pipe pipeline(String context, Kind end, boolean range) throws TemplateException {
        int pos = peek().pos();
        List<String> decl = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int save = next;
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
                next = save;
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
                if (++depth > MAX_DEPTH) {
                    throw error(t.pos(), "parentheses nested deeper than " + MAX_DEPTH);
                }
                Pipe p = pipeline("parenthesized pipeline", Kind.RPAREN, false);
                depth--;
                yield new Nodes.SubPipe(t.pos(), p);
            }
            case KEYWORD -> throw error(t.pos(), "unexpected <" + t.text() + "> in operand");
            default -> throw error(t.pos(), "unexpected \"" + t.text() + "\" in operand");
        };
    }

    private void expect(Kind kind, String context) throws TemplateException {
        Token t = take();
        if (t.kind() != kind) {
            throw error(t.pos(), "unexpected \"" + t.text() + "\" in " + context);
        }
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private TemplateException error(int at, String reason) {
        return Positions.error(name, src, at, reason);
    }
}
