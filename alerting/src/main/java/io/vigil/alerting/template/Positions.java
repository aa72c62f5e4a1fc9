package io.vigil.alerting.template;

/** Line and column of an offset into template text, for messages. */
final class Positions {
    private Positions() {
    }

    static int line(String src, int at) {
        int line = 1;
        for (int i = 0; i < Math.min(at, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int column(String src, int at) {
        int end = Math.min(at, src.length());
        int lastBreak = end == 0 ? -1 : src.lastIndexOf('\n', end - 1);
        return end - lastBreak;
    }

    /** {@code template: name:line:column: reason}. */
    static TemplateException error(String name, String src, int at, String reason) {
        int line = line(src, at);
        int column = column(src, at);
        return new TemplateException("template: " + name + ":" + line + ":" + column + ": " + reason, line, column);
    }
}
