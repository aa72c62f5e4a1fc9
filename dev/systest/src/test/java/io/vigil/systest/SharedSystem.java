package io.vigil.systest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One running system for all system tests of this JVM; each test leaves it running. */
final class SharedSystem {
    private static VigilSystem system;

    private SharedSystem() {
    }

    static synchronized VigilSystem get() {
        if (system == null) {
            try {
                system = new VigilSystem();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VigilSystem s = system;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "systest-stop"));
        }
        return system;
    }
}
