package io.vigil.bench;

import io.vigil.wire.remotewrite.RemoteWriteEncoder;
import io.vigil.wire.remotewrite.RemoteWriteVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented ingest workload (ingest/README.md): 100 hosts × 100 metric names = 10,000 series
 * with labels host, pool (= host / 10) and region (= host % 4), one sample per series every 10 s,
 * sent 5,000 samples per request. The same series as dev/loadgen/PushLoad.java.
 */
final class Workload {
    static final int HOSTS = 100;
    static final int METRICS = 100;
    static final int SAMPLES_PER_REQUEST = 5_000;

    private Workload() {
    }

    /** The i-th series' labels, {@code __name__} included. */
    static Map<String, String> series(int i) {
        int h = i / METRICS;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "load_m" + i % METRICS);
        labels.put("host", "h" + h);
        labels.put("pool", "p" + h / 10);
        labels.put("region", "r" + h % 4);
        return labels;
    }

    /** Request {@code r} of one step: series [r * 5000, r * 5000 + 5000) at time {@code t}. */
    static byte[] remoteWrite(RemoteWriteVersion version, int r, long t) {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(version);
        for (int i = r * SAMPLES_PER_REQUEST; i < (r + 1) * SAMPLES_PER_REQUEST; i++) {
            encoder.series(series(i), new long[] {t}, new double[] {value(i, t)});
        }
        return encoder.toSnappy();
    }

    /** The same request in Vigil's JSON push format (metric names with dots are JSON's habit, not needed). */
    static byte[] json(int r, long t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = r * SAMPLES_PER_REQUEST; i < (r + 1) * SAMPLES_PER_REQUEST; i++) {
            Map<String, String> l = series(i);
            sb.append(i == r * SAMPLES_PER_REQUEST ? "" : ",").append("{\"metric_name\":\"").append(l.get("__name__"))
                    .append("\",\"labels\":{\"host\":\"").append(l.get("host")).append("\",\"pool\":\"").append(l.get("pool"))
                    .append("\",\"region\":\"").append(l.get("region")).append("\"},\"timestamp\":").append(t / 1000)
                    .append(",\"value\":").append(value(i, t)).append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The same request in Influx line protocol (precision ms), as Telegraf writes it: one line per host
     * with its metrics as fields ({@code load,host=h1,pool=p0,region=r1 m0=1.5,m1=…,m99=… t}); metric
     * {@code load_m<i>} is measurement {@code load} + field {@code m<i>}. With {@code fieldsPerLine} 1,
     * every sample is a line of its own.
     */
    static byte[] lineProtocol(int r, long t, int fieldsPerLine) {
        StringBuilder sb = new StringBuilder();
        for (int i = r * SAMPLES_PER_REQUEST; i < (r + 1) * SAMPLES_PER_REQUEST; i += fieldsPerLine) {
            Map<String, String> l = series(i);
            sb.append("load,host=").append(l.get("host")).append(",pool=").append(l.get("pool")).append(",region=")
                    .append(l.get("region")).append(' ');
            for (int f = 0; f < fieldsPerLine; f++) {
                sb.append(f == 0 ? "" : ",").append('m').append((i + f) % METRICS).append('=').append(value(i + f, t));
            }
            sb.append(' ').append(t).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double value(int i, long t) {
        return (i * 31 + t / 10_000) % 1000 / 10.0;
    }
}
