package io.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile template text: random mixes of template syntax either parse and run or give a positioned
 * TemplateException; never an internal error (which Template would wrap as "cannot parse" / "executing ...: java.").
 */
class TemplateFuzzTest {
    private static final String[] PIECES = {"{{", "}}", "{{-", " -}}", " ", "$", "$labels", ".Labels", ".", "|", "(", ")",
        "\"", "`", "'", "if", "else", "end", "range", "with", "define", "template", "break", "continue", ":=", "=", ",",
        "1", "-2", "1.5e3", "0x", "humanize", "printf", "\"%d\"", "index", "eq", "and", "nil", "true", "/*", "*/",
        "\n", "x", "é", "\\", "len", "query", "first", "$value", "args", "\"a\""};

    @Test
    void randomTemplatesNeverFailInternally() {
        Random random = new Random(20261122L);
        TemplateData data = new TemplateData(Map.of("job", "node"), 1.5, Map.of(), "http://x/", null);
        List<String> internal = new ArrayList<>();
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(14);
            for (int k = 0; k < n; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = sb.toString();
            try {
                Template t = Template.parse("f", text);
                parsed++;
                t.execute(data);
            } catch (TemplateException e) {
                String m = e.getMessage();
                if (m.contains("cannot parse: ") || m.contains("java.") || !m.startsWith("template: ")) {
                    internal.add(text + " -> " + m);
                }
            }
        }
        assertThat(internal).isEmpty();
        assertThat(parsed).isGreaterThan(1000);
    }
}
