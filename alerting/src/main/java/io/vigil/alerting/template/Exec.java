package io.vigil.alerting.template;

import io.vigil.alerting.template.Nodes.Arg;
import io.vigil.alerting.template.Nodes.BranchNode;
import io.vigil.alerting.template.Nodes.Command;
import io.vigil.alerting.template.Nodes.ListNode;
import io.vigil.alerting.template.Nodes.Node;
import io.vigil.alerting.template.Nodes.Pipe;
import io.vigil.alerting.template.Values.FunctionError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One execution of a parsed template: walks the tree, writing text, with bounded output and loops. */
final class Exec {
    static final int MAX_OUTPUT = 1 << 20;
    static final int MAX_ITERATIONS = 100_000;
    static final int MAX_CALL_DEPTH = 100;

    private static final class Var {
        final String name;
        Object value;

        Var(String name, Object value) {
            this.name = name;
            this.value = value;
        }
    }

    private static final class Break extends RuntimeException {
        Break() {
            super(null, null, false, false);
        }
    }

    private static final class Continue extends RuntimeException {
        Continue() {
            super(null, null, false, false);
        }
    }

    private final String src;
    private final Map<String, ListNode> defined;
    private final TemplateData data;
    private final StringBuilder out = new StringBuilder();
    private final List<Var> vars = new ArrayList<>();
    private String current;
    private int iterations;
    private int callDepth;

    Exec(String name, String src, Map<String, ListNode> defined, TemplateData data) {
        this.current = name;
        this.src = src;
        this.defined = defined;
        this.data = data;
        vars.add(new Var("$", data));
        vars.add(new Var("$labels", data.labels()));
        vars.add(new Var("$externalLabels", data.externalLabels()));
        vars.add(new Var("$externalURL", data.externalUrl()));
        vars.add(new Var("$value", data.value()));
    }

    String run(ListNode root) throws TemplateException {
        walk(data, root);
        return out.toString();
    }

    private void walk(Object dot, Node node) throws TemplateException {
        switch (node) {
            case ListNode l -> {
                for (Node n : l.nodes()) {
                    walk(dot, n);
                }
            }
            case Nodes.TextNode t -> write(t.text(), 0);
            case Nodes.ActionNode a -> {
                Object v = pipeline(dot, a.pipe());
                if (a.pipe().decl().isEmpty()) {
                    write(Values.print(v), a.pos());
                }
            }
            case BranchNode b -> branch(dot, b);
            case Nodes.TemplateNode t -> call(dot, t);
            case Nodes.LoopControl c -> throw c.isBreak() ? new Break() : new Continue();
        }
    }

    private void branch(Object dot, BranchNode b) throws TemplateException {
        int scope = vars.size();
        try {
            if (b.kind() == Nodes.Branch.RANGE) {
                range(dot, b);
                return;
            }
            Object v = pipeline(dot, b.pipe());
            if (Values.truth(v)) {
                walk(b.kind() == Nodes.Branch.WITH ? v : dot, b.list());
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            vars.subList(scope, vars.size()).clear();
        }
    }

    private void range(Object dot, BranchNode b) throws TemplateException {
        Pipe p = b.pipe();
        Object v = commands(dot, p);
        List<Object[]> items = new ArrayList<>();
        switch (v) {
            case null -> {
            }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    items.add(new Object[] {(long) i, l.get(i)});
                }
            }
            case Map<?, ?> m -> new TreeMap<>(m).forEach((k, e) -> items.add(new Object[] {k, e}));
            case Long n -> {
                if (n > MAX_ITERATIONS) {
                    throw error(b.pos(), "range over " + n + " exceeds the limit of " + MAX_ITERATIONS + " iterations");
                }
                for (long i = 0; i < n; i++) {
                    items.add(new Object[] {i, i});
                }
            }
            default -> throw error(b.pos(), "range can't iterate over " + Values.print(v));
        }
        if (items.isEmpty()) {
            if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
            return;
        }
        List<Var> loopVars = new ArrayList<>();
        for (String name : p.decl()) {
            Var var = p.assign() ? find(name) : new Var(name, null);
            if (!p.assign()) {
                vars.add(var);
            }
            loopVars.add(var);
        }
        int scope = vars.size();
        for (Object[] item : items) {
            if (++iterations > MAX_ITERATIONS) {
                throw error(b.pos(), "range iterations exceed the limit of " + MAX_ITERATIONS);
            }
            if (loopVars.size() == 1) {
                loopVars.get(0).value = item[1];
            } else if (loopVars.size() == 2) {
                loopVars.get(0).value = item[0];
                loopVars.get(1).value = item[1];
            }
            try {
                walk(item[1], b.list());
            } catch (Break e) {
                break;
            } catch (Continue e) {
                // next item
            } finally {
                vars.subList(scope, vars.size()).clear();
            }
        }
    }

    private void call(Object dot, Nodes.TemplateNode t) throws TemplateException {
        ListNode body = defined.get(t.name());
        if (body == null) {
            throw error(t.pos(), "template: no template " + GoFormat.quote(t.name()) + " associated with template "
                    + GoFormat.quote(current));
        }
        if (callDepth >= MAX_CALL_DEPTH) {
            throw error(t.pos(), "exceeded maximum template depth (" + MAX_CALL_DEPTH + ")");
        }
        Object newDot = t.pipe() == null ? null : pipeline(dot, t.pipe());
        List<Var> saved = new ArrayList<>(vars);
        String savedName = current;
        vars.clear();
        vars.add(new Var("$", newDot));
        callDepth++;
        current = t.name();
        try {
            walk(newDot, body);
        } finally {
            callDepth--;
            current = savedName;
            vars.clear();
            vars.addAll(saved);
        }
    }

    private Object pipeline(Object dot, Pipe p) throws TemplateException {
        Object v = commands(dot, p);
        for (String name : p.decl()) {
            if (p.assign()) {
                find(name).value = v;
            } else {
                vars.add(new Var(name, v));
            }
        }
        return v;
    }

    private Object commands(Object dot, Pipe p) throws TemplateException {
        Object v = null;
        for (int i = 0; i < p.cmds().size(); i++) {
            v = command(dot, p.cmds().get(i), v, i > 0);
        }
        return v;
    }

    private Object command(Object dot, Command cmd, Object last, boolean hasLast) throws TemplateException {
        Arg first = cmd.args().get(0);
        if (first instanceof Nodes.Identifier f) {
            return function(dot, f, cmd, last, hasLast);
        }
        if (cmd.args().size() > 1 || hasLast) {
            throw error(first.pos(), "can't give argument to non-function " + first, first);
        }
        return arg(dot, first);
    }

    private Object arg(Object dot, Arg a) throws TemplateException {
        return switch (a) {
            case Nodes.Dot d -> dot;
            case Nodes.Nil n -> null;
            case Nodes.Bool b -> b.value();
            case Nodes.Number n -> n.value();
            case Nodes.Str s -> s.value();
            case Nodes.Field f -> fields(dot, f.names(), f);
            case Nodes.Variable v -> fields(find(v.name()).value, v.fields(), v);
            case Nodes.Chain c -> fields(arg(dot, c.node()), c.fields(), c);
            case Nodes.SubPipe s -> {
                int scope = vars.size();
                try {
                    yield pipeline(dot, s.pipe());
                } finally {
                    vars.subList(scope, vars.size()).clear();
                }
            }
            case Nodes.Identifier f -> function(dot, f, new Command(f.pos(), List.of(f)), null, false);
        };
    }

    private Object fields(Object receiver, List<String> names, Arg at) throws TemplateException {
        Object v = receiver;
        for (String name : names) {
            v = switch (v) {
                case TemplateData d -> switch (name) {
                    case "Labels" -> d.labels();
                    case "Value" -> d.value();
                    case "ExternalLabels" -> d.externalLabels();
                    case "ExternalURL" -> d.externalUrl();
                    default -> throw error(at.pos(), "can't evaluate field " + name + " in type template.AlertTemplateData", at);
                };
                case QueryFunction.Sample s -> switch (name) {
                    case "Labels" -> s.labels();
                    case "Value" -> s.value();
                    default -> throw error(at.pos(), "can't evaluate field " + name + " in type *template.sample", at);
                };
                // Prometheus executes with missingkey=zero: a missing label is "".
                case Map<?, ?> m -> m.containsKey(name) ? m.get(name) : m instanceof Values.ArgsMap ? null : "";
                case null -> throw error(at.pos(), "nil pointer evaluating " + at, at);
                default -> throw error(at.pos(), "can't evaluate field " + name + " in type " + Values.typeName(v), at);
            };
        }
        return v;
    }

    private Object function(Object dot, Nodes.Identifier f, Command cmd, Object last, boolean hasLast) throws TemplateException {
        Functions.Spec spec = Functions.ALL.get(f.name());
        List<Arg> argNodes = cmd.args().subList(1, cmd.args().size());
        int count = argNodes.size() + (hasLast ? 1 : 0);
        if (count < spec.min() || (spec.max() >= 0 && count > spec.max())) {
            String want = spec.max() < 0 ? "at least " + spec.min() : Integer.toString(spec.min());
            throw error(f.pos(), "wrong number of args for " + f.name() + ": want " + want + " got " + count, cmd);
        }
        if (Functions.SHORT_CIRCUIT.contains(f.name())) {
            boolean and = f.name().equals("and");
            Object v = null;
            for (int i = 0; i < count; i++) {
                v = i < argNodes.size() ? arg(dot, argNodes.get(i)) : last;
                if (Values.truth(v) != and) {
                    return v;
                }
            }
            return v;
        }
        List<Object> args = new ArrayList<>(count);
        for (Arg a : argNodes) {
            args.add(arg(dot, a));
        }
        if (hasLast) {
            args.add(last);
        }
        try {
            return spec.body().call(data, args);
        } catch (FunctionError e) {
            throw error(f.pos(), "error calling " + f.name() + ": " + e.getMessage(), cmd);
        } catch (RuntimeException e) {
            throw error(f.pos(), "error calling " + f.name() + ": " + e, cmd);
        }
    }

    private Var find(String name) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name.equals(name)) {
                return vars.get(i);
            }
        }
        // The parser checked every variable; a defined template sees only $.
        throw new IllegalStateException("undefined variable " + name);
    }

    private void write(String s, int pos) throws TemplateException {
        if (out.length() + s.length() > MAX_OUTPUT) {
            throw error(pos, "output longer than " + MAX_OUTPUT + " characters");
        }
        out.append(s);
    }

    private TemplateException error(int pos, String reason) {
        return error(pos, reason, null);
    }

    private TemplateException error(int pos, String reason, Object at) {
        String where = "executing " + GoFormat.quote(current) + (at == null ? "" : " at <" + at + ">") + ": ";
        return Positions.error(current, src, pos, where + reason);
    }
}
