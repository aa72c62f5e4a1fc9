package io.vigil.wire.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The names Prometheus' OTLP receiver gives, for the units and shapes instrumentations send. */
class MetricNamerTest {
    private static String name(String name, String unit, MetricNamer.Kind kind) {
        MetricNamer namer = new MetricNamer();
        byte[] b = (name + unit).getBytes(StandardCharsets.UTF_8);
        int split = name.getBytes(StandardCharsets.UTF_8).length;
        if (!namer.translate(b, 0, split, split, b.length, kind)) {
            return null;
        }
        return new String(namer.bytes(), 0, namer.length(), StandardCharsets.US_ASCII);
    }

    @Test
    void unitsBecomeSuffixes() {
        assertThat(name("http.server.request.duration", "s", MetricNamer.Kind.HISTOGRAM))
                .isEqualTo("http_server_request_duration_seconds");
        assertThat(name("jvm.memory.used", "By", MetricNamer.Kind.GAUGE)).isEqualTo("jvm_memory_used_bytes");
        assertThat(name("disk.io", "KiBy", MetricNamer.Kind.COUNTER)).isEqualTo("disk_io_kibibytes_total");
        assertThat(name("cpu.utilization", "1", MetricNamer.Kind.GAUGE)).isEqualTo("cpu_utilization_ratio");
        assertThat(name("requests", "1", MetricNamer.Kind.COUNTER)).isEqualTo("requests_total");
        assertThat(name("speed", "m/s", MetricNamer.Kind.GAUGE)).isEqualTo("speed_meters_per_second");
        assertThat(name("throughput", "{request}/s", MetricNamer.Kind.GAUGE)).isEqualTo("throughput_per_second");
        assertThat(name("threads", "{thread}", MetricNamer.Kind.GAUGE)).isEqualTo("threads");
        assertThat(name("load", "%", MetricNamer.Kind.GAUGE)).isEqualTo("load_percent");
        assertThat(name("widgets.made", "widget-units", MetricNamer.Kind.COUNTER)).isEqualTo("widgets_made_widget_units_total");
        assertThat(name("x", "a/", MetricNamer.Kind.GAUGE)).isEqualTo("x_a");
    }

    @Test
    void suffixesAreNotRepeated() {
        assertThat(name("request_duration_seconds", "s", MetricNamer.Kind.HISTOGRAM)).isEqualTo("request_duration_seconds");
        assertThat(name("http.requests.total", "", MetricNamer.Kind.COUNTER)).isEqualTo("http_requests_total");
        assertThat(name("cpu_seconds_total", "s", MetricNamer.Kind.COUNTER)).isEqualTo("cpu_seconds_total");
        assertThat(name("hit_ratio", "1", MetricNamer.Kind.GAUGE)).isEqualTo("hit_ratio");
    }

    @Test
    void namesAreSanitized() {
        assertThat(name("..a--b__c..", "", MetricNamer.Kind.GAUGE)).isEqualTo("a_b_c");
        assertThat(name("2xx.responses", "", MetricNamer.Kind.GAUGE)).isEqualTo("_2xx_responses");
        assertThat(name("größe", "", MetricNamer.Kind.GAUGE)).isEqualTo("gr_e");
        assertThat(name("ns:sub.metric", "", MetricNamer.Kind.GAUGE)).isEqualTo("ns_sub_metric");
        assertThat(name("", "", MetricNamer.Kind.GAUGE)).isNull();
        assertThat(name("...", "s", MetricNamer.Kind.GAUGE)).isNull();
    }
}
