package io.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template text → expected expansion, checked against Go's text/template and Prometheus's functions. */
class TemplateTest {
    private static final QueryFunction QUERY = expr -> switch (expr) {
        case "up" -> List.of(new QueryFunction.Sample(Map.of("__name__", "up", "instance", "b:9100"), 1),
                new QueryFunction.Sample(Map.of("__name__", "up", "instance", "a:9100"), 0));
        case "none" -> List.of();
        default -> throw new IllegalArgumentException("1:1: parse error: unexpected end of input");
    };

    private static final TemplateData DATA = new TemplateData(Map.of("instance", "web-1.example.com:9100", "job", "node",
            "severity", "critical"), 0.5, Map.of("cluster", "prod-eu"), "https://alerts.example.com/vigil", QUERY);

    private static final String[][] CASES = {
        // text, variables, fields
        {"plain text", "plain text"},
        {"{{ $labels.instance }}", "web-1.example.com:9100"},
        {"{{ .Labels.job }}/{{ $labels.missing }}/", "node//"},
        {"{{ $value }}", "0.5"},
        {"{{ .Value }}", "0.5"},
        {"{{ $externalLabels.cluster }} {{ .ExternalLabels.cluster }}", "prod-eu prod-eu"},
        {"{{ $externalURL }}|{{ .ExternalURL }}", "https://alerts.example.com/vigil|https://alerts.example.com/vigil"},
        {"{{ $x := 3 }}{{ $x }}{{ $x = 4 }}{{ $x }}", "34"},
        {"{{/* a comment */}}x", "x"},
        {"a  {{- 1 -}}  b", "a1b"},
        {"a {{- /* c */ -}} b", "ab"},
        {"{{ -3 }} {{ 1.5 }} {{ 1e3 }} {{ 0x1F }} {{ 'a' }}", "-3 1.5 1000 31 97"},
        {"{{ true }} {{ false }} {{ \"q\\\"s\" }} {{ `raw\\n` }}", "true false q\"s raw\\n"},
        {"{{ (print \"a\" \"b\") }}", "ab"},
        {"{{ \"x\" | printf \"%s-%s\" \"y\" }}", "y-x"},
        // control
        {"{{ if eq $labels.severity \"critical\" }}page{{ else }}ticket{{ end }}", "page"},
        {"{{ if eq $labels.severity \"x\" }}1{{ else if eq $labels.job \"node\" }}2{{ else }}3{{ end }}", "2"},
        {"{{ if not .Labels.missing }}empty{{ end }}", "empty"},
        {"{{ with $labels.job }}job={{ . }}{{ else }}none{{ end }}", "job=node"},
        {"{{ with $labels.missing }}job={{ . }}{{ else }}none{{ end }}", "none"},
        {"{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", "instance=web-1.example.com:9100;job=node;severity=critical;"},
        {"{{ range $labels }}[{{ . }}]{{ end }}", "[web-1.example.com:9100][node][critical]"},
        {"{{ range $i, $s := query \"up\" }}{{ $i }}:{{ $s.Labels.instance }} {{ end }}", "0:b:9100 1:a:9100 "},
        {"{{ range query \"none\" }}x{{ else }}no data{{ end }}", "no data"},
        {"{{ range $i := 5 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}", "012"},
        {"{{ range $i := 4 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $i }}{{ end }}", "023"},
        {"{{ define \"x\" }}<{{ . }}>{{ end }}{{ template \"x\" $labels.job }}", "<node>"},
        // Go builtins
        {"{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"z\" }} {{ or 0 false }}", "0 2 z false"},
        {"{{ len $labels }} {{ len \"héllo\" }}", "3 6"},
        {"{{ index $labels \"job\" }}{{ index $labels \"nope\" }}|", "node|"},
        {"{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"},
        {"{{ println 1 \"a\" }}", "1 a\n"},
        {"{{ eq 1 2 1 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge \"b\" \"a\" }}", "true true true true false true"},
        {"{{ gt $value 0.1 }}", "true"},
        {"{{ html \"<a href='x'>&\\\"\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;"},
        {"{{ js \"it's <b>\\\\\" }}", "it\\'s \\u003Cb\\u003E\\\\"},
        {"{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9"},
        // printf verbs
        {"{{ printf \"%s|%d|%v|%q\" \"s\" 42 0.25 \"q\" }}", "s|42|0.25|\"q\""},
        {"{{ printf \"%.2f|%f|%g|%e|%x|%X\" 3.14159 2.5 1e-7 123456.789 255 \"hi\" }}", "3.14|2.500000|1e-07|1.234568e+05|ff|6869"},
        {"{{ printf \"[%5d][%-5s][%05.1f][%+d][%5.1f%%]\" 42 \"ab\" 3.14159 7 99.5 }}", "[   42][ab   ][003.1][+7][ 99.5%]"},
        {"{{ printf \"%d %s\" 1.5 }}", "%!d(float64=1.5) %!s(MISSING)"},
        {"{{ printf \"%d\" 1 2 }}", "1%!(EXTRA int=2)"},
        {"{{ printf \"%T %T %T\" 1 1.0 \"\" }}", "int float64 string"},
        // %v of floats as Go prints them
        {"{{ 100000.0 }} {{ 1000000.0 }} {{ 1e21 }} {{ 0.0001 }} {{ 0.00001 }} {{ 1234567.0 }} {{ 0.1 }}", "100000 1e+06 1e+21 0.0001 1e-05 1.234567e+06 0.1"},
        // Prometheus functions
        {"{{ humanize 1234567 }} {{ humanize 0.00012 }} {{ humanize 0 }} {{ humanize 999.99 }} {{ humanize -1500 }} {{ humanize 1e30 }}",
            "1.235M 120u 0 1000 -1.5k 1e+06Y"},
        {"{{ humanize \"1234\" }} {{ humanize 0.000000000000000000000000000001 }}", "1.234k 1e-06y"},
        {"{{ humanize1024 1024 }} {{ humanize1024 1073741824 }} {{ humanize1024 1 }} {{ humanize1024 1500 }}", "1ki 1Gi 1 1.465ki"},
        {"{{ humanizeDuration 90061 }} {{ humanizeDuration 3601 }} {{ humanizeDuration 61 }} {{ humanizeDuration 1.5 }}",
            "1d 1h 1m 1s 1h 0m 1s 1m 1s 1.5s"},
        {"{{ humanizeDuration 0 }} {{ humanizeDuration 0.035 }} {{ humanizeDuration -90061 }} {{ humanizeDuration 0.000001 }}",
            "0s 35ms -1d 1h 1m 1s 1us"},
        {"{{ humanizeDuration 899.99 }}:{{ humanizeDuration 0.1 }}:{{ humanizeDuration 0.0001 }}:{{ humanizeDuration 0.12345 }}:{{ humanizeDuration 60.5 }}:{{ humanizeDuration 1.2345 }}:{{ humanizeDuration 12.345 }}",
            "14m 59s:100ms:100us:123.5ms:1m 0s:1.234s:12.35s"},
        {"{{ humanize 0.12 }}:{{ humanize1024 0.12 }}:{{ humanize1024 1048576 }}:{{ humanize1024 9223372036854775807 }}:{{ humanize1024 -1 }}",
            "120m:0.12:1Mi:8Ei:-1"},
        {"{{ humanize \"+Inf\" }}:{{ humanize1024 \"-Inf\" }}:{{ humanizeDuration \"NaN\" }}:{{ humanizeTimestamp \"+Inf\" }}",
            "+Inf:-Inf:NaN:+Inf"},
        {"{{ humanizePercentage 0.1234 }} {{ humanizePercentage 1 }} {{ humanizePercentage 0.0001234 }}", "12.34% 100% 0.01234%"},
        {"{{ humanizeTimestamp 1435065584.128 }} {{ humanizeTimestamp 0 }}", "2015-06-23 13:19:44.128 +0000 UTC 1970-01-01 00:00:00 +0000 UTC"},
        {"{{ toTime 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC"},
        {"{{ title \"hello wORLD-x\" }} {{ toUpper \"abc\" }} {{ toLower \"ABC\" }}", "Hello WORLD-X ABC abc"},
        {"{{ match \"^web-\" $labels.instance }} {{ match \"^db\" $labels.instance }}", "true false"},
        {"{{ reReplaceAll \"(.*?)\\\\.example\\\\.com(.*)\" \"$1${2}!\" $labels.instance }}", "web-1:9100!"},
        {"{{ reReplaceAll \"a(?P<n>x)\" \"[$n][$9]\" \"ax\" }}", "[x][]"},
        {"{{ stripPort $labels.instance }} {{ stripPort \"[::1]:80\" }} {{ stripPort \"host\" }}", "web-1.example.com ::1 host"},
        {"{{ stripDomain $labels.instance }} {{ stripDomain \"10.0.0.1:80\" }} {{ stripDomain \"a.b\" }}", "web-1:9100 10.0.0.1:80 a"},
        {"{{ parseDuration \"1h30m\" }} {{ parseDuration \"250ms\" }}", "5400 0.25"},
        {"{{ with args 1 \"x\" }}{{ .arg0 }} {{ .arg1 }} {{ .arg2 }}{{ end }}", "1 x <no value>"},
        {"{{ safeHtml \"<b>\" }} {{ externalURL }} {{ pathPrefix }}", "<b> https://alerts.example.com/vigil /vigil"},
        {"{{ query \"up\" | first | label \"instance\" }} {{ query \"up\" | first | value }}", "b:9100 1"},
        {"{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }} {{ end }}", "a:9100 b:9100 "},
        {"{{ with query \"up\" }}{{ . | first | strvalue }}|{{ end }}", "|"},
        {"{{ $value | humanizePercentage }}", "50%"},
    };

    @Test
    void expandsEveryCaseAsGoAndPrometheusDo() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String[] c : CASES) {
            String got;
            try {
                got = Template.parse("t", c[0]).execute(DATA);
            } catch (TemplateException e) {
                got = "EXCEPTION " + e.getMessage();
            }
            if (!got.equals(c[1])) {
                failures.add(c[0] + "\n   want: " + c[1] + "\n    got: " + got);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static final String[][] PARSE_ERRORS = {
        {"{{ humanise 1 }}", "template: t:1:4: function \"humanise\" not defined"},
        {"a\n{{ $nope }}", "template: t:2:4: undefined variable \"$nope\""},
        {"{{ if 1 }}x", "template: t:1:12: unexpected EOF"},
        {"{{ end }}", "template: t:1:1: unexpected {{end}}"},
        {"{{ 1 ", "template: t:1:1: unclosed action"},
        {"{{ \"abc }}", "template: t:1:4: unterminated quoted string"},
        {"{{ }}", "template: t:1:4: missing value for command"},
        {"{{ if }}x{{ end }}", "template: t:1:7: missing value for if"},
        {"{{ (1 }}", "template: t:1:7: unclosed left paren"},
        {"{{ 1) }}", "template: t:1:5: unexpected right paren"},
        {"{{ nil }}", "template: t:1:4: nil is not a command"},
        {"{{ break }}", "template: t:1:4: {{break}} outside {{range}}"},
        {"{{ 1 | 2 }}", "template: t:1:8: non executable command in pipeline stage 2"},
        {"{{ 12ab }}", "template: t:1:4: bad number syntax: \"12ab\""},
        {"{{/* open }}", "template: t:1:1: unclosed comment"},
    };

    private static final String[][] EXEC_ERRORS = {
        {"{{ humanize \"x\" }}", "template: t:1:4: executing \"t\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax"},
        {"{{ humanize 1 2 }}", "template: t:1:4: executing \"t\" at <humanize 1 2>: wrong number of args for humanize: want 1 got 2"},
        {"{{ gt $value 1 }}", "template: t:1:4: executing \"t\" at <gt $value 1>: error calling gt: incompatible types for comparison"},
        {"{{ .Nope }}", "template: t:1:4: executing \"t\" at <.Nope>: can't evaluate field Nope in type template.AlertTemplateData"},
        {"{{ $value.x }}", "template: t:1:4: executing \"t\" at <$value.x>: can't evaluate field x in type float64"},
        {"{{ first (query \"none\") }}", "template: t:1:4: executing \"t\" at <first (query \"none\")>: error calling first: first() called on vector with no elements"},
        {"{{ query \"bad(\" }}", "template: t:1:4: executing \"t\" at <query \"bad(\">: error calling query: 1:1: parse error: unexpected end of input"},
        {"{{ index $labels 1 }}", "template: t:1:4: executing \"t\" at <index $labels 1>: error calling index: value has type int; should be string"},
        {"{{ match \"(\" \"x\" }}", "template: t:1:4: executing \"t\" at <match \"(\" \"x\">: error calling match: error parsing regexp: Unclosed group: `(`"},
        {"{{ $labels.job 1 }}", "template: t:1:4: executing \"t\" at <$labels.job>: can't give argument to non-function $labels.job"},
        {"{{ range 1.5 }}{{ end }}", "template: t:1:4: executing \"t\": range can't iterate over 1.5"},
        {"{{ range $i := 100001 }}{{ end }}", "template: t:1:4: executing \"t\": range over 100001 exceeds the limit of 100000 iterations"},
        {"{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}", "template: r:1:20: executing \"r\": exceeded maximum template depth (100)"},
        {"{{ range $i := 100000 }}{{ range $j := 100000 }}{{ end }}{{ end }}", "template: t:1:28: executing \"t\": range iterations exceed the limit of 100000"},
        {"{{ match \"^(.*a){20}$\" \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" }}", "template: t:1:4: executing \"t\" at <match \"^(.*a){20}$\" \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\">: error calling match: the regular expression needs too much backtracking on this text (more than 10000000 steps); simplify the pattern"},
        {"{{ range $i := 2000 }}{{ printf \"%1000d\" 1 }}{{ end }}", "template: t:1:23: executing \"t\": output longer than 1048576 characters"},
    };

    @Test
    void refusesBadTemplatesWithGoLikeMessages() {
        List<String> failures = new ArrayList<>();
        for (String[] c : PARSE_ERRORS) {
            try {
                Template.parse("t", c[0]);
                failures.add(c[0] + " parsed");
            } catch (TemplateException e) {
                if (!e.getMessage().equals(c[1])) {
                    failures.add(c[0] + "\n   want: " + c[1] + "\n    got: " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void failsExecutionWithTheNodeAndPosition() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String[] c : EXEC_ERRORS) {
            Template t = Template.parse("t", c[0]);
            try {
                String out = t.execute(DATA);
                failures.add(c[0] + " gave " + out.substring(0, Math.min(out.length(), 80)));
            } catch (TemplateException e) {
                if (!e.getMessage().equals(c[1])) {
                    failures.add(c[0] + "\n   want: " + c[1] + "\n    got: " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void expandOrErrorGivesPrometheusErrorText() throws Exception {
        TemplateData noQuery = new TemplateData(Map.of(), 1, Map.of(), "", null);
        assertThat(Template.parse("a", "{{ query \"up\" }}").expandOrError(noQuery)).isEqualTo(
                "<error expanding template: template: a:1:4: executing \"a\" at <query \"up\">: error calling query: "
                        + "query is not available here (templates expanded without a query tier)>");
        assertThat(Template.parse("a", "{{ $value }}").expandOrError(noQuery)).isEqualTo("1");
    }

    @Test
    void boundsHostileTemplates() {
        assertThatThrownBy(() -> Template.parse("big", "x".repeat(Template.MAX_TEXT + 1)))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: big: text of 65537 characters is longer than the limit of 65536");
        assertThatThrownBy(() -> Template.parse("deep", "{{ if 1 }}".repeat(101) + "{{ end }}".repeat(101)))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: deep:1:1004: control structures nested deeper than 100");
        assertThatThrownBy(() -> Template.parse("parens", "{{ " + "(".repeat(200) + "1" + ")".repeat(200) + " }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: parens:1:104: parentheses nested deeper than 100");
    }
}
