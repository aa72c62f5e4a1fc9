package io.vigil.alerting.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token configuration mistakes stop the start-up naming the token; credentials are read as clients send them. */
class AccessTokensTest {
    record T(Optional<String> token, Optional<String> tokenFile, String role) implements AlertingAuthConfig.Token {
    }

    private static Map<String, AlertingAuthConfig.Token> tokens(Object... nameAndToken) {
        Map<String, AlertingAuthConfig.Token> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndToken.length; i += 2) {
            m.put((String) nameAndToken[i], (AlertingAuthConfig.Token) nameAndToken[i + 1]);
        }
        return m;
    }

    @Test
    void findsTheHolderAndRole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "admin-token-0123456789\n");
        AccessTokens t = new AccessTokens(true, tokens(
                "grafana", new T(Optional.of("reader-token-0123456789"), Optional.empty(), "reader"),
                "ops", new T(Optional.empty(), Optional.of(file.toString()), "Admin")));
        assertThat(t.find("reader-token-0123456789")).isEqualTo(new AccessTokens.Holder("grafana", Role.READER));
        assertThat(t.find("admin-token-0123456789")).isEqualTo(new AccessTokens.Holder("ops", Role.ADMIN));
        assertThat(t.find("admin-token-012345678")).isNull();
        assertThat(t.find("")).isNull();
    }

    @Test
    void refusesMistakesNamingTheToken() {
        assertThatThrownBy(() -> new AccessTokens(true, tokens("a", new T(Optional.of("short"), Optional.empty(), "reader"))))
                .hasMessage("vigil.alerting.auth.tokens.a: the token is shorter than 16 characters; use a random one "
                        + "(e.g. openssl rand -hex 32)");
        assertThatThrownBy(() -> new AccessTokens(true, tokens("b", new T(Optional.of("0123456789abcdef0"), Optional.empty(), "owner"))))
                .hasMessage("vigil.alerting.auth.tokens.b: unknown role \"owner\"; expected reader, editor or admin");
        assertThatThrownBy(() -> new AccessTokens(true, tokens("c", new T(Optional.empty(), Optional.empty(), "reader"))))
                .hasMessage("vigil.alerting.auth.tokens.c: give exactly one of token and token-file");
        assertThatThrownBy(() -> new AccessTokens(true, tokens(
                "d", new T(Optional.of("0123456789abcdef0"), Optional.empty(), "reader"),
                "e", new T(Optional.of("0123456789abcdef0"), Optional.empty(), "admin"))))
                .hasMessage("vigil.alerting.auth.tokens.e: has the same token as d");
        assertThatThrownBy(() -> new AccessTokens(true, tokens("f", new T(Optional.empty(), Optional.of("/nonexistent/x"), "reader"))))
                .hasMessageStartingWith("vigil.alerting.auth.tokens.f: cannot read token-file /nonexistent/x");
    }

    @Test
    void readsBearerAndBasicCredentials() {
        assertThat(AuthFilter.presentedToken("Bearer abc")).isEqualTo("abc");
        assertThat(AuthFilter.presentedToken("bearer   abc ")).isEqualTo("abc");
        // Grafana's Alertmanager datasource: basic auth, the token as password.
        assertThat(AuthFilter.presentedToken("Basic " + java.util.Base64.getEncoder().encodeToString("grafana:s3cret:x".getBytes())))
                .isEqualTo("s3cret:x");
        assertThat(AuthFilter.presentedToken("Basic " + java.util.Base64.getEncoder().encodeToString("user:".getBytes()))).isNull();
        assertThat(AuthFilter.presentedToken("Basic !!notbase64")).isNull();
        assertThat(AuthFilter.presentedToken("Bearer")).isNull();
        assertThat(AuthFilter.presentedToken("Digest abc")).isNull();
        assertThat(AuthFilter.presentedToken(null)).isNull();
    }

    @Test
    void rolesIncludeTheSmallerOnes() {
        assertThat(Role.ADMIN.includes(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.includes(Role.READER)).isTrue();
        assertThat(Role.READER.includes(Role.EDITOR)).isFalse();
        assertThat(Role.EDITOR.includes(Role.ADMIN)).isFalse();
    }
}
