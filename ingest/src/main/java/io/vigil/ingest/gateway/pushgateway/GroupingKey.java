package io.vigil.ingest.gateway.pushgateway;

import io.vigil.model.SeriesRules;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The labels a Pushgateway URL names, {@code /metrics/job/<job>{/<label>/<value>}}: they identify a
 * group and are set on every sample pushed to it. A name suffixed {@code @base64} carries its value in
 * URL-safe base64 (padding optional, a lone {@code =} for the empty value), the only way to write a
 * value containing '/' or an empty one; other values are percent-decoded. An empty value means "no such
 * label" on the samples (Prometheus treats an empty label as an absent one, and Vigil stores none).
 */
record GroupingKey(SortedMap<String, String> labels) {
    static final String BASE64_SUFFIX = "@base64";

    GroupingKey {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** Parses the path after {@code /metrics/} (still percent-encoded); throws with the reason when invalid. */
    static GroupingKey parse(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i += 2) {
            segments[i] = percentDecode("a label name", segments[i]);
        }
        if (segments.length < 2 || !segments[0].equals("job") && !segments[0].equals("job" + BASE64_SUFFIX)) {
            throw new IllegalArgumentException("the path must be /metrics/job/<job>{/<label>/<value>}");
        }
        if (segments.length % 2 != 0) {
            throw new IllegalArgumentException("label " + segments[segments.length - 1] + " has no value in the path"
                    + " (an empty value is written <label>@base64/=)");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < segments.length; i += 2) {
            String name = segments[i];
            boolean base64 = name.endsWith(BASE64_SUFFIX);
            if (base64) {
                name = name.substring(0, name.length() - BASE64_SUFFIX.length());
            }
            String problem = SeriesRules.checkLabelName(name);
            if (problem != null) {
                throw new IllegalArgumentException("grouping key: " + problem);
            }
            String value = base64 ? decodeBase64(name, segments[i + 1]) : percentDecode(name, segments[i + 1]);
            if (value.isEmpty() && (name.equals("job") || !base64)) {
                throw new IllegalArgumentException(name.equals("job") ? "the job name must not be empty"
                        : "label " + name + " has an empty value in the path (write it as " + name + "@base64/=)");
            }
            if (value.length() > SeriesRules.MAX_LABEL_VALUE_LENGTH || value.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("grouping key: " + SeriesRules.checkLabelValue(name, value));
            }
            if (labels.put(name, value) != null) {
                throw new IllegalArgumentException("label " + name + " appears twice in the grouping key");
            }
        }
        if (labels.size() > SeriesRules.MAX_LABELS_PER_SERIES) {
            throw new IllegalArgumentException("more than " + SeriesRules.MAX_LABELS_PER_SERIES + " labels in the grouping key");
        }
        return new GroupingKey(labels);
    }

    private static String decodeBase64(String name, String text) {
        String unpadded = text.replace("=", "");
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(unpadded);
            String value = new String(bytes, StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(value.getBytes(StandardCharsets.UTF_8), bytes)) {
                throw new IllegalArgumentException("the base64 value of " + name + " is not UTF-8 text");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the value of " + name + " is not URL-safe base64: " + e.getMessage());
        }
    }

    private static String percentDecode(String name, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the value of " + name + " is not percent-encoded correctly");
        }
    }

    String job() {
        return labels.get("job");
    }

    /** For messages: {@code {job="x",instance="y"}}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        labels.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return s.append('}').toString();
    }
}
