package io.vigil.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How services keep and compare bearer tokens: as SHA-256 digests, compared with
 * {@link MessageDigest#isEqual} (so a token's length leaks nothing), read from files with the
 * surrounding whitespace (a final newline) ignored.
 */
public final class TokenDigests {
    /** The shortest token accepted: anything shorter is a password, not a random token. */
    public static final int MIN_LENGTH = 16;

    private TokenDigests() {
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The configured token: {@code inline} or the content of {@code file} (exactly one must be given),
     * at least {@link #MIN_LENGTH} characters; mistakes are reported starting with {@code prefix}.
     */
    public static String configured(String prefix, java.util.Optional<String> inline, java.util.Optional<String> file) {
        if (inline.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException(prefix + "give exactly one of token and token-file");
        }
        String token;
        if (inline.isPresent()) {
            token = inline.get().strip();
        } else {
            try {
                token = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(prefix + "cannot read token-file " + file.get() + ": " + e, e);
            }
        }
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(prefix + "the token is shorter than " + MIN_LENGTH
                    + " characters; use a random one (e.g. openssl rand -hex 32)");
        }
        return token;
    }
}
