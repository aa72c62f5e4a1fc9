package io.vigil.ingest.gateway.auth;

import io.vigil.auth.TokenDigests;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured tokens, checked in constant time: the presented token and every configured one are
 * compared as SHA-256 digests (so their lengths leak nothing) with {@link MessageDigest#isEqual}, and
 * every source is compared whatever matched before. Only digests are kept after start-up.
 */
public final class PushTokens {
    /** A source whose token matched. */
    public record Source(String name, Set<PushProtocol> protocols) {
        public boolean allows(PushProtocol protocol) {
            return protocols.contains(protocol);
        }
    }

    private record Entry(Source source, byte[] digest) {
    }

    private final List<Entry> entries;

    private PushTokens(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads the configuration (and token files); throws with the source's name on any mistake. */
    public static PushTokens load(Map<String, GatewayAuthConfig.Source> sources) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, GatewayAuthConfig.Source> e : sources.entrySet()) {
            String name = e.getKey();
            GatewayAuthConfig.Source s = e.getValue();
            String prefix = "vigil.gateway.auth.sources." + name + ": ";
            String token = TokenDigests.configured(prefix, s.token(), s.tokenFile());
            Set<PushProtocol> protocols = EnumSet.noneOf(PushProtocol.class);
            for (String p : s.protocols()) {
                if (p.strip().equalsIgnoreCase("all")) {
                    protocols.addAll(EnumSet.allOf(PushProtocol.class));
                } else {
                    try {
                        protocols.add(PushProtocol.ofConfigName(p));
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException(prefix + ex.getMessage(), ex);
                    }
                }
            }
            byte[] digest = TokenDigests.sha256(token);
            for (Entry other : entries) {
                if (MessageDigest.isEqual(other.digest, digest)) {
                    throw new IllegalArgumentException(prefix + "has the same token as source " + other.source.name());
                }
            }
            entries.add(new Entry(new Source(name, Set.copyOf(protocols)), digest));
        }
        return new PushTokens(List.copyOf(entries));
    }

    /** The source owning {@code presented}, or null. Takes the same time whichever source (if any) matches. */
    public Source find(String presented) {
        byte[] digest = TokenDigests.sha256(presented);
        Source found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, digest) & found == null) {
                found = e.source;
            }
        }
        return found;
    }

    public int size() {
        return entries.size();
    }
}
