package io.vigil.alerting.eval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link Querier} over the query tier's Prometheus HTTP API: {@code POST /api/v1/query} with
 * {@code query} and {@code time} (Unix seconds, milliseconds kept). One HTTP/1.1 client whose
 * connections are reused by every group.
 */
@ApplicationScoped
public class QueryClient implements Querier {
    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> token;

    @Inject
    QueryClient(EvalConfig config) {
        this(config.queryUrl(), config.queryToken());
    }

    public QueryClient(URI base, Optional<String> token) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.endpoint = base.resolve("/api/v1/query");
        this.token = token.filter(t -> !t.isBlank());
    }

    @Override
    public List<QuerySample> query(String expr, Instant t, Duration timeout) throws QueryException {
        String form = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + unixSeconds(t);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        token.ifPresent(tk -> request.header("Authorization", "Bearer " + tk));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new QueryException("query timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new QueryException("query tier unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException("query interrupted");
        }
        try (InputStream body = response.body()) {
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            if (!json) {
                throw new QueryException("query tier answered HTTP " + response.statusCode() + ": "
                        + new String(body.readNBytes(512), StandardCharsets.UTF_8).strip());
            }
            List<QuerySample> samples = QueryResponseParser.parse(body);
            if (response.statusCode() / 100 != 2) {
                throw new QueryException("query tier answered HTTP " + response.statusCode());
            }
            return samples;
        } catch (IOException e) {
            throw new QueryException("unreadable answer from the query tier (HTTP " + response.statusCode()
                    + "): " + e.getMessage(), e);
        }
    }

    /** Unix seconds with the milliseconds, as the Prometheus API takes them. */
    static String unixSeconds(Instant t) {
        long ms = t.toEpochMilli();
        return java.math.BigDecimal.valueOf(ms, 3).toPlainString();
    }
}
