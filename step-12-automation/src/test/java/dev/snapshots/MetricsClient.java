package dev.snapshots;

import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.ServerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a server's {@code /metrics} as a scraper would, with the run's token, and parses it. */
final class MetricsClient {

    /** The test's own time-outs: room for a busy machine (a scrape that answers is never waited for). */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private MetricsClient() {}

    /** The raw answer of {@code GET /metrics} on {@code server}, with {@code token} (null: none). */
    static HttpResponse<String> get(InetSocketAddress server, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getPort() + ServerMetrics.PATH))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's series now, parsed; fails the test if the body is not Prometheus' text format. */
    static Samples scrape(InetSocketAddress server, String token) {
        HttpResponse<String> answer = get(server, token);
        if (answer.statusCode() != 200) {
            throw new AssertionError(
                    "GET /metrics on " + server + " answered " + answer.statusCode() + " " + answer.body());
        }
        try {
            return Samples.parse(answer.body());
        } catch (IOException e) {
            throw new AssertionError("GET /metrics on " + server + " is not Prometheus' text format: " + e, e);
        }
    }
}
