package dev.snapshots.cdn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An edge in front of a {@link TestOrigin}, on a {@link TestClock}, and a client that asks the edge. */
final class EdgeHarness implements AutoCloseable {

    static final String TOKEN = "test-purge-token-" + Long.toHexString(System.nanoTime());

    final TestOrigin origin = new TestOrigin();
    final TestClock clock = new TestClock();
    final EdgeServer edge;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    EdgeHarness() {
        EdgeServer started = null;
        try {
            // The address, not origin::address: a stopped origin must look like a dead one, on its old port.
            InetSocketAddress originAddress = origin.address();
            started = new EdgeServer(() -> originAddress, TOKEN, clock).start(0);
        } finally {
            if (started == null) {
                origin.close();
            }
        }
        this.edge = started;
    }

    /** An answer from the edge, with what was asked, for failure messages. */
    record Response(String request, int status, HttpResponse<byte[]> raw) {
        String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String xCache() {
            return header(EdgeServer.X_CACHE);
        }

        @Override
        public String toString() {
            String body = body();
            return request + " → " + status + " [X-Cache " + xCache() + ", Age " + header("Age") + "] "
                    + (body.length() > 120 ? body.substring(0, 120) + "…" : body);
        }
    }

    /** {@code GET target} at the edge, with headers given as name, value, name, value… */
    Response get(String target, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET(), "GET " + target);
    }

    /** {@code HEAD target} at the edge: a GET's answer without its body. */
    Response head(String target) {
        return send(
                HttpRequest.newBuilder(uri(target))
                        .timeout(Duration.ofSeconds(10))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                "HEAD " + target);
    }

    /** {@code POST /.edge/purge?query} with this {@code Authorization} header (none when null). */
    Response purge(String query, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(EdgeServer.PURGE_PATH + "?" + query))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request, "POST purge?" + query + (authorization == null ? "" : " [" + authorization + "]"));
    }

    private URI uri(String target) {
        return URI.create("http://127.0.0.1:" + edge.address().getPort() + target);
    }

    private Response send(HttpRequest.Builder request, String description) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(description, response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            edge.close();
        } finally {
            origin.close();
        }
    }
}
