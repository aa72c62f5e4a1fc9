package io.vigil.alerting.auth;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vigil.auth.TokenDigests;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configured tokens, checked in constant time (SHA-256 digests compared with
 * {@link MessageDigest#isEqual}, every token compared whatever matched before). A configuration mistake
 * stops the start-up naming the token.
 */
@Startup
@ApplicationScoped
public class AccessTokens {
    /** Whose token it is and what it may do. */
    public record Holder(String name, Role role) {
    }

    private record Entry(Holder holder, byte[] digest) {
    }

    private final boolean enabled;
    private final List<Entry> entries;

    @Inject
    AccessTokens(AlertingAuthConfig config) {
        this(config.enabled(), config.tokens());
    }

    AccessTokens(boolean enabled, Map<String, AlertingAuthConfig.Token> tokens) {
        this.enabled = enabled;
        List<Entry> loaded = new ArrayList<>();
        for (Map.Entry<String, AlertingAuthConfig.Token> e : tokens.entrySet()) {
            String prefix = "vigil.alerting.auth.tokens." + e.getKey() + ": ";
            AlertingAuthConfig.Token t = e.getValue();
            String token = TokenDigests.configured(prefix, t.token(), t.tokenFile());
            Role role;
            try {
                role = Role.ofConfigName(t.role());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(prefix + ex.getMessage(), ex);
            }
            byte[] digest = TokenDigests.sha256(token);
            for (Entry other : loaded) {
                if (MessageDigest.isEqual(other.digest, digest)) {
                    throw new IllegalArgumentException(prefix + "has the same token as " + other.holder.name());
                }
            }
            loaded.add(new Entry(new Holder(e.getKey(), role), digest));
        }
        this.entries = List.copyOf(loaded);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The holder of {@code presented}, or null. Takes the same time whichever token (if any) matches. */
    public Holder find(String presented) {
        byte[] digest = TokenDigests.sha256(presented);
        Holder found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, digest) & found == null) {
                found = e.holder;
            }
        }
        return found;
    }
}
