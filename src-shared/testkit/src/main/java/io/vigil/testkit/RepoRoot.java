package io.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, where dev/ and the built modules live. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path get() {
        String configured = System.getProperty("vigil.repo.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "vigil"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("vigil")) && Files.isDirectory(p.resolve("dev"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Vigil repository root above " + Path.of("").toAbsolutePath()
                + " (set -Dvigil.repo.root)");
    }
}
