package io.vigil.ingest.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
            if (s.token().isPresent() == s.tokenFile().isPresent()) {
                throw new IllegalArgumentException(prefix + "give exactly one of token and token-file");
            }
            String token = s.token().isPresent() ? s.token().get().strip() : readFile(prefix, s.tokenFile().get());
            if (token.length() < 16) {
                throw new IllegalArgumentException(prefix + "the token is shorter than 16 characters; use a random one "
                        + "(e.g. openssl rand -hex 32)");
            }
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
            byte[] digest = sha256(token);
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
        byte[] digest = sha256(presented);
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

    private static String readFile(String prefix, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(prefix + "cannot read token-file " + file + ": " + e, e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
