package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query client's request and its reading of Prometheus API answers, against an HTTP server that
 * answers like the query tier (the format only; evaluation against the real query tier is in dev/systest).
 */
class QueryClientTest {
    private HttpServer server;
    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String answer = "";
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private QueryClient client(Optional<String> token) {
        return new QueryClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), token);
    }

    @Test
    void sendsTheExpressionAndTimeAsFormAndReadsAVector() throws Exception {
        answer = """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"node","instance":"a:9100"},"value":[1767225600.5,"0"]},
                  {"metric":{"job":"api"},"value":[1767225600.5,"+Inf"]},
                  {"metric":{},"value":[1767225600.5,"NaN"]}]},"warnings":["ignored"]}""";
        List<QuerySample> result = client(Optional.of("s3cret")).query("up{job=~\"n.*\"} == 0",
                Instant.ofEpochMilli(1767225600500L), Duration.ofSeconds(5));
        assertThat(result).hasSize(3);
        assertThat(result.get(0).labels()).isEqualTo(Map.of("__name__", "up", "job", "node", "instance", "a:9100"));
        assertThat(result.get(0).value()).isZero();
        assertThat(result.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.get(2).value()).isNaN();
        String form = URLDecoder.decode(requestBody.get(), StandardCharsets.UTF_8);
        assertThat(form).isEqualTo("query=up{job=~\"n.*\"} == 0&time=1767225600.500");
        assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void aScalarIsOneUnlabelledSampleAndNoTokenMeansNoHeader() throws Exception {
        answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1767225600,\"42.5\"]}}";
        assertThat(client(Optional.empty()).query("42.5", Instant.EPOCH, Duration.ofSeconds(5)))
                .containsExactly(new QuerySample(Map.of(), 42.5));
        assertThat(authorization.get()).isNull();
    }

    @Test
    void anErrorAnswerBecomesTheQueryTiersMessage() {
        status = 400;
        answer = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected end of input\"}";
        assertThatThrownBy(() -> client(Optional.empty()).query("rate(", Instant.EPOCH, Duration.ofSeconds(5)))
                .isInstanceOf(Querier.QueryException.class)
                .hasMessage("1:5: parse error: unexpected end of input");
        status = 503;
        answer = "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}";
        assertThatThrownBy(() -> client(Optional.empty()).query("up", Instant.EPOCH, Duration.ofSeconds(5)))
                .hasMessage("query timed out in expression evaluation");
    }

    @Test
    void aMatrixCannotBeAlertedOn() {
        answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
        assertThatThrownBy(() -> client(Optional.empty()).query("up[5m]", Instant.EPOCH, Duration.ofSeconds(5)))
                .hasMessage("rule expression must give a vector or a scalar, got matrix");
    }

    @Test
    void malformedAndNonJsonAnswersSayWhatWasWrong() {
        answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":1}}]}}";
        assertThatThrownBy(() -> client(Optional.empty()).query("up", Instant.EPOCH, Duration.ofSeconds(5)))
                .hasMessageContaining("unreadable answer from the query tier (HTTP 200)")
                .hasMessageContaining("expected VALUE_STRING");
        answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}";
        assertThatThrownBy(() -> client(Optional.empty()).query("up", Instant.EPOCH, Duration.ofSeconds(5)))
                .hasMessageContaining("sample value \"abc\" is not a number");
        status = 502;
        contentType = "text/html";
        answer = "<html>Bad Gateway</html>";
        assertThatThrownBy(() -> client(Optional.empty()).query("up", Instant.EPOCH, Duration.ofSeconds(5)))
                .hasMessage("query tier answered HTTP 502: <html>Bad Gateway</html>");
    }

    @Test
    void aSlowQueryTierTimesOut() {
        delayMillis = 1500;
        answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
        assertThatThrownBy(() -> client(Optional.empty()).query("up", Instant.EPOCH, Duration.ofMillis(200)))
                .hasMessage("query timed out after 200 ms");
    }
}
