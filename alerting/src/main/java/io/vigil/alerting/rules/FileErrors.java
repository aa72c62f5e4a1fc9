package io.vigil.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** The errors found in one rule file, each as {@code <file>:<line>:<column>: <reason>}. */
final class FileErrors {
    /** More errors than this in one file only repeat themselves; the rest are counted. */
    static final int MAX_ERRORS = 100;

    private final String file;
    private final List<String> errors = new ArrayList<>();
    private int dropped;

    FileErrors(String file) {
        this.file = file;
    }

    void add(Node node, String reason) {
        add(node.getStartMark(), reason);
    }

    void add(Mark mark, String reason) {
        add(mark.getLine() + 1, mark.getColumn() + 1, reason);
    }

    void add(int line, int column, String reason) {
        if (errors.size() >= MAX_ERRORS) {
            dropped++;
            return;
        }
        errors.add(file + ":" + line + ":" + column + ": " + reason);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<String> list() {
        if (dropped == 0) {
            return List.copyOf(errors);
        }
        List<String> all = new ArrayList<>(errors);
        all.add(file + ": " + dropped + " more errors not shown");
        return List.copyOf(all);
    }
}
