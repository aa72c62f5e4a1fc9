package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;

/** Building push bodies and waiting for the writer. */
final class Pushes {
    private Pushes() {
    }

    /** A JSON array of samples: {@code hosts} series (host h0.., region r(host % 2)) × {@code perSeries} samples 10 s apart. */
    static String body(String metric, int hosts, int perSeries, long startMillis, int valueOffset) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < perSeries; i++) {
            for (int h = 0; h < hosts; h++) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                long t = startMillis + i * 10_000L;
                sb.append("{\"metric_name\":\"").append(metric).append("\",\"labels\":{\"host\":\"h").append(h)
                        .append("\",\"region\":\"r").append(h % 2).append("\"},\"timestamp\":").append(t / 1000)
                        .append('.').append(String.format("%03d", t % 1000)).append(",\"value\":")
                        .append(value(h, i, valueOffset)).append('}');
            }
        }
        return sb.append(']').toString();
    }

    static double value(int host, int i, int offset) {
        return host * 1000 + i + offset + 0.5;
    }

    static void pushOk(VigilSystem s, String body) throws Exception {
        HttpResponse<String> r = VigilSystem.post(s.gateway.url("/api/v1/push"), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static long stored(VigilSystem s, String metric) throws SQLException {
        return s.sql("SELECT count(*) FROM samples x JOIN series e ON e.id = x.series_id WHERE e.metric_name = '" + metric + "'");
    }

    static long awaitStored(VigilSystem s, String metric, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long n = stored(s, metric);
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            n = stored(s, metric);
        }
        return n;
    }
}
