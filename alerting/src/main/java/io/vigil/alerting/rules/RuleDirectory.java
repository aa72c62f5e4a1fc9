package io.vigil.alerting.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule files of one directory ({@code *.yml}, {@code *.yaml}, not recursive, symbolic links followed
 * as Kubernetes ConfigMap volumes need) and what was last loaded from each. A file that turns bad keeps
 * contributing its last good groups; a file that was never good contributes nothing. Files are compared by
 * content hash, so a swapped {@code ..data} link or an unchanged mtime are both seen right.
 */
public final class RuleDirectory {
    /** More files than this are refused (the rest of the directory is still loaded, in name order). */
    public static final int MAX_FILES = 10_000;

    private record FileState(String hash, List<RuleGroup> good, List<String> errors) {
    }

    /** What a load found: the rule set to use, the current errors, and the files that changed since the last load. */
    public record Result(RuleSet rules, List<String> errors, List<String> added, List<String> changed,
            List<String> removed, boolean groupsChanged) {
        public boolean filesChanged() {
            return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
        }
    }

    private final Path dir;
    private final Duration defaultInterval;
    private Map<String, FileState> files = new TreeMap<>();
    private List<RuleGroup> groups = List.of();
    private RuleSet current = RuleSet.EMPTY;

    /** {@code dir} null: no rules. */
    public RuleDirectory(Path dir, Duration defaultInterval) {
        this.dir = dir;
        this.defaultInterval = defaultInterval;
    }

    public synchronized Result load() {
        List<String> errors = new ArrayList<>();
        Map<String, FileState> next = new TreeMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String name : list(errors)) {
            Path path = dir.resolve(name);
            byte[] content;
            try {
                content = read(path);
            } catch (IOException e) {
                errors.add(name + ":1:1: cannot read the file: " + e);
                FileState old = files.get(name);
                if (old != null) {
                    next.put(name, new FileState(old.hash(), old.good(), List.of()));
                }
                continue;
            }
            String hash = sha256(content);
            FileState old = files.get(name);
            FileState state;
            if (old != null && old.hash().equals(hash)) {
                state = old;
            } else {
                RuleFileParser.RuleFile parsed = RuleFileParser.parse(name, content, defaultInterval);
                List<RuleGroup> good = parsed.errors().isEmpty() ? parsed.groups() : old == null ? null : old.good();
                state = new FileState(hash, good, parsed.errors());
                (old == null ? added : changed).add(name);
            }
            errors.addAll(state.errors());
            next.put(name, state);
        }
        List<String> removed = new ArrayList<>();
        for (String name : files.keySet()) {
            if (!next.containsKey(name)) {
                removed.add(name);
            }
        }
        files = next;
        List<RuleGroup> all = new ArrayList<>();
        for (FileState s : next.values()) {
            if (s.good() != null) {
                all.addAll(s.good());
            }
        }
        boolean groupsChanged = !all.equals(groups);
        if (groupsChanged) {
            groups = List.copyOf(all);
            current = new RuleSet(groups, Instant.now());
        }
        return new Result(current, List.copyOf(errors), added, changed, removed, groupsChanged);
    }

    public synchronized RuleSet current() {
        return current;
    }

    private List<String> list(List<String> errors) {
        List<String> names = new ArrayList<>();
        if (dir == null) {
            return names;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml")) && Files.isRegularFile(p)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            errors.add(dir + ": the rules directory does not exist");
            return names;
        } catch (IOException e) {
            errors.add(dir + ": cannot list the rules directory: " + e);
            return names;
        }
        names.sort(null);
        if (names.size() > MAX_FILES) {
            errors.add(dir + ": " + names.size() + " rule files, more than the limit of " + MAX_FILES
                    + "; the files after " + names.get(MAX_FILES - 1) + " are not loaded");
            return names.subList(0, MAX_FILES);
        }
        return names;
    }

    private static byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            // One byte more than the limit, so that the parser reports the size instead of a cut file.
            return in.readNBytes(RuleFileParser.MAX_FILE_BYTES + 1);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
