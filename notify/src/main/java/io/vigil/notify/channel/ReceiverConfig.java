package io.vigil.notify.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One receiver's settings from the receivers YAML, with typed accessors whose errors name the receiver
 * and the key. Secrets are never written in the YAML: a secret setting {@code x} is given as
 * {@code x_env: VARIABLE} or {@code x_file: /mounted/path}, resolved here.
 *
 * @param where   file and line of the receiver, for error messages
 * @param env     how environment variables are read (the real environment in production, a map in tests)
 */
public record ReceiverConfig(String name, String type, Map<String, Object> settings, String where,
        Function<String, String> env) {

    public ReceiverConfig {
        settings = Map.copyOf(settings);
    }

    /** An error about {@code key} of this receiver: "file:line: receiver "name": key problem". */
    public ReceiverConfigException invalid(String key, String problem) {
        return new ReceiverConfigException(where + ": receiver \"" + name + "\": " + key + " " + problem);
    }

    public String optionalString(String key) throws ReceiverConfigException {
        Object v = settings.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw invalid(key, "must be a string");
    }

    public String string(String key) throws ReceiverConfigException {
        String v = optionalString(key);
        if (v == null || v.isBlank()) {
            throw invalid(key, "is required");
        }
        return v;
    }

    public Duration duration(String key, Duration fallback) throws ReceiverConfigException {
        String v = optionalString(key);
        if (v == null) {
            return fallback;
        }
        try {
            String s = v.trim().toLowerCase();
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            return Duration.parse("PT" + s.toUpperCase());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, "\"" + v + "\" is not a duration (e.g. 500ms, 10s, 1m)");
        }
    }

    /** Like {@link #duration}, refusing zero and negative values (timeouts). */
    public Duration positiveDuration(String key, Duration fallback) throws ReceiverConfigException {
        Duration d = duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw invalid(key, "must be positive");
        }
        return d;
    }

    public Map<String, String> stringMap(String key) throws ReceiverConfigException {
        Object v = settings.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw invalid(key, "must be a map of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k) || e.getValue() == null || e.getValue() instanceof Map
                    || e.getValue() instanceof List) {
                throw invalid(key, "must be a map of strings");
            }
            out.put(k, e.getValue().toString());
        }
        return out;
    }

    public List<String> stringList(String key) throws ReceiverConfigException {
        Object v = settings.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> l)) {
            throw invalid(key, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw invalid(key, "must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The secret {@code key}, from {@code key_env} (an environment variable) or {@code key_file} (a
     * mounted file, trailing newline removed). A plain {@code key:} in the YAML is refused, so secrets
     * stay out of the repository. Returns null when neither is set and the secret is optional.
     */
    public String secret(String key, boolean required) throws ReceiverConfigException {
        if (settings.containsKey(key)) {
            throw invalid(key, "must not be written in the file: use " + key + "_env (an environment variable) or "
                    + key + "_file (a mounted file)");
        }
        String var = optionalString(key + "_env");
        String file = optionalString(key + "_file");
        if (var != null && file != null) {
            throw invalid(key, "is given twice (" + key + "_env and " + key + "_file)");
        }
        if (var != null) {
            String value = env.apply(var);
            if (value == null || value.isEmpty()) {
                throw invalid(key + "_env", "names the environment variable " + var + ", which is not set");
            }
            return value;
        }
        if (file != null) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw invalid(key + "_file", "names " + file + ", which is empty");
                }
                return value;
            } catch (IOException e) {
                throw invalid(key + "_file", "names " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (required) {
            throw invalid(key, "is required (as " + key + "_env or " + key + "_file)");
        }
        return null;
    }
}
