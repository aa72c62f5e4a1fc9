package io.vigil.alerting.rules;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where a line:column inside a scalar's value is in the file, for the scalars written so that the value
 * is the source text: plain or quoted on one line without escapes, and literal blocks ({@code |}).
 * Other styles (folded, escaped) give null: the caller then reports the scalar's start.
 */
final class ScalarPositions {
    private ScalarPositions() {
    }

    /** 1-based {line, column} in the file, or null. */
    static int[] locate(String text, ScalarNode node, int line, int column) {
        String value = node.getValue();
        int startLine = node.getStartMark().getLine();
        int startColumn = node.getStartMark().getColumn();
        int startIndex = node.getStartMark().getIndex();
        ScalarStyle style = node.getScalarStyle();
        if (style == ScalarStyle.PLAIN || style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
            int skip = style == ScalarStyle.PLAIN ? 0 : 1;
            if (value.indexOf('\n') >= 0 || line != 1 || !text.startsWith(value, offsetIndex(text, startIndex) + skip)) {
                return null;
            }
            return new int[] {startLine + 1, startColumn + 1 + skip + column - 1};
        }
        if (style == ScalarStyle.LITERAL) {
            String[] lines = value.split("\n", -1);
            if (line == lines.length && line > 1 && lines[line - 1].isEmpty()) {
                // The end of the expression: after its last line rather than on the line after the block.
                line--;
                column = lines[line - 1].length() + 1;
            }
            int fileLine = startLine + line; // 0-based: the content starts on the line after the indicator
            String[] fileLines = text.split("\n", -1);
            if (line > lines.length || fileLine >= fileLines.length) {
                return null;
            }
            String source = fileLines[fileLine];
            int indent = source.indexOf(lines[line - 1]);
            if (lines[line - 1].isEmpty() || indent < 0 || !source.substring(0, indent).isBlank()) {
                return null;
            }
            return new int[] {fileLine + 1, indent + column};
        }
        return null;
    }

    /** SnakeYAML counts code points in marks; the text is indexed in chars. */
    private static int offsetIndex(String text, int codePointIndex) {
        try {
            return text.offsetByCodePoints(0, codePointIndex);
        } catch (IndexOutOfBoundsException e) {
            return codePointIndex;
        }
    }
}
