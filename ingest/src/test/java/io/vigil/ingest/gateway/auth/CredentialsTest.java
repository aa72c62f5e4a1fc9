package io.vigil.ingest.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everySchemeSendersUse() {
        assertThat(Credentials.token("Bearer abc", null)).isEqualTo("abc");
        assertThat(Credentials.token("bearer   abc  ", null)).isEqualTo("abc");
        assertThat(Credentials.token("Token abc", null)).isEqualTo("abc");
        assertThat(Credentials.token(basic("telegraf:abc:def"), null)).isEqualTo("abc:def");
        assertThat(Credentials.token(basic(":abc"), null)).isEqualTo("abc");
        assertThat(Credentials.token(null, "abc")).isEqualTo("abc");
    }

    @Test
    void theHeaderWinsOverTheQueryPassword() {
        assertThat(Credentials.token("Bearer header", "query")).isEqualTo("header");
    }

    @Test
    void nothingUsableIsNoToken() {
        assertThat(Credentials.token(null, null)).isNull();
        assertThat(Credentials.token(null, "")).isNull();
        assertThat(Credentials.token("Bearer", null)).isNull();
        assertThat(Credentials.token("Bearer   ", null)).isNull();
        assertThat(Credentials.token("Digest abc", null)).isNull();
        assertThat(Credentials.token("Basic !!!notbase64", null)).isNull();
        assertThat(Credentials.token(basic("userwithoutpassword"), null)).isNull();
        assertThat(Credentials.token(basic("user:"), null)).isNull();
        // A header that is not understood is not silently replaced by the query parameter.
        assertThat(Credentials.token("Digest abc", "query")).isNull();
    }
}
