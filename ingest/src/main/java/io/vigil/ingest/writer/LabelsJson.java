package io.vigil.ingest.writer;

import io.vigil.model.Labels;

/** The catalogue's jsonb form of a label set: a flat object of strings, keys sorted. */
final class LabelsJson {
    private LabelsJson() {
    }

    static String of(Labels labels) {
        StringBuilder sb = new StringBuilder(16 + labels.size() * 24).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, labels.key(i));
            sb.append(':');
            quote(sb, labels.value(i));
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
