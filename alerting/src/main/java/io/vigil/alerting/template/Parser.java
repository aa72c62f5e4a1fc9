package io.vigil.alerting.template;

import io.vigil.alerting.template.Lexer.Kind;
import io.vigil.alerting.template.Lexer.Token;
import io.vigil.alerting.template.Nodes.Branch;
import io.vigil.alerting.template.Nodes.BranchNode;
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
    private final TokenCursor cursor;
    private final PipelineParser pipes;
    private final Set<String> functions;
    private final Map<String, ListNode> defined = new HashMap<>();
    private final List<String> vars = new ArrayList<>(PREDECLARED);
    private int depth;
    private int rangeDepth;

    private Parser(String name, String src, List<Token> tokens, Set<String> functions) {
        this.name = name;
        this.src = src;
        this.cursor = new TokenCursor(tokens);
        this.pipes = new PipelineParser(name, src, cursor, vars, functions);
        this.functions = functions;
    }

    record Parsed(ListNode root, Map<String, ListNode> defined) {
    }

    static Parsed parse(String name, String src, Set<String> functions) throws TemplateException {
        Parser p = new Parser(name, src, Lexer.tokenize(name, src), functions);
        List<Node> nodes = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            Token t = p.peek();
            if (t.kind() == Kind.LEFT && p.cursor.peekAt(1).kind() == Kind.KEYWORD && p.cursor.peekAt(1).text().equals("define")) {
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
        Pipe pipe = pipes.pipeline("command", Kind.RIGHT, false);
        return new Nodes.ActionNode(t.pos(), pipe);
    }

    private BranchNode branch(Branch kind, int pos) throws TemplateException {
        if (++depth > MAX_DEPTH) {
            throw error(pos, "control structures nested deeper than " + MAX_DEPTH);
        }
        String word = kind.name().toLowerCase();
        int scope = vars.size();
        Pipe pipe = pipes.pipeline(word, Kind.RIGHT, kind == Branch.RANGE);
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
            pipe = pipes.pipeline("template", Kind.RIGHT, false);
        } else {
            take();
        }
        return new Nodes.TemplateNode(pos, nameToken.text(), pipe);
    }

    private void expect(Kind kind, String context) throws TemplateException {
        Token t = take();
        if (t.kind() != kind) {
            throw error(t.pos(), "unexpected \"" + t.text() + "\" in " + context);
        }
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
