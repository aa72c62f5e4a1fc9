package io.vigil.alerting.template;

import java.util.List;
import java.util.stream.Collectors;

/** The parsed template: a tree of text, actions and control structures. */
final class Nodes {
    private Nodes() {
    }

    sealed interface Node permits ListNode, TextNode, ActionNode, BranchNode, TemplateNode, LoopControl {
    }

    record ListNode(List<Node> nodes) implements Node {
    }

    record TextNode(String text) implements Node {
    }

    record ActionNode(int pos, Pipe pipe) implements Node {
    }

    enum Branch { IF, WITH, RANGE }

    record BranchNode(Branch kind, int pos, Pipe pipe, ListNode list, ListNode elseList) implements Node {
    }

    record TemplateNode(int pos, String name, Pipe pipe) implements Node {
    }

    /** {@code {{break}}} or {@code {{continue}}} inside a range. */
    record LoopControl(int pos, boolean isBreak) implements Node {
    }

    /** {@code $a, $b := cmd | cmd}; {@code assign} when {@code =} instead of {@code :=}. */
    record Pipe(int pos, boolean assign, List<String> decl, List<Command> cmds) {
        @Override
        public String toString() {
            String head = decl.isEmpty() ? "" : String.join(", ", decl) + (assign ? " = " : " := ");
            return head + cmds.stream().map(Command::toString).collect(Collectors.joining(" | "));
        }
    }

    record Command(int pos, List<Arg> args) {
        @Override
        public String toString() {
            return args.stream().map(Arg::toString).collect(Collectors.joining(" "));
        }
    }

    sealed interface Arg permits Field, Dot, Variable, Chain, Identifier, Nil, Bool, Number, Str, SubPipe {
        int pos();
    }

    /** {@code .A.B}: fields of dot. */
    record Field(int pos, List<String> names) implements Arg {
        @Override
        public String toString() {
            return "." + String.join(".", names);
        }
    }

    record Dot(int pos) implements Arg {
        @Override
        public String toString() {
            return ".";
        }
    }

    /** {@code $x.A.B}. */
    record Variable(int pos, String name, List<String> fields) implements Arg {
        @Override
        public String toString() {
            return name + (fields.isEmpty() ? "" : "." + String.join(".", fields));
        }
    }

    /** {@code (pipe).A.B}. */
    record Chain(int pos, Arg node, List<String> fields) implements Arg {
        @Override
        public String toString() {
            return node + "." + String.join(".", fields);
        }
    }

    /** A function name. */
    record Identifier(int pos, String name) implements Arg {
        @Override
        public String toString() {
            return name;
        }
    }

    record Nil(int pos) implements Arg {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements Arg {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number constant: {@code Long} for integers (and characters), {@code Double} otherwise. */
    record Number(int pos, Object value, String text) implements Arg {
        @Override
        public String toString() {
            return text;
        }
    }

    record Str(int pos, String value) implements Arg {
        @Override
        public String toString() {
            return GoFormat.quote(value);
        }
    }

    record SubPipe(int pos, Pipe pipe) implements Arg {
        @Override
        public String toString() {
            return "(" + pipe + ")";
        }
    }
}
