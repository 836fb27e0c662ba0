package dev.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.dns.DnsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A test "user": like a browser, it first asks the course DNS where {@code snapshots.test} is,
 * then sends HTTP to that address. It keeps cookies, so a login sticks to the client.
 */
final class SiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DnsRegistry dns;
    private final HttpClient http;

    SiteClient(DnsRegistry dns) {
        this.dns = dns;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .cookieHandler(new CookieManager())
                .build();
    }

    /** An HTTP answer, with the address that served it and what was asked, for failure messages. */
    record Response(
            String request, InetSocketAddress servedBy, int status, String body, java.net.http.HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        List<String> headers(String name) {
            return headers.allValues(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(request + " → " + status + " did not answer JSON: " + body, e);
            }
        }

        boolean isJson() {
            String type = header("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                return false;
            }
            try {
                return JSON.readTree(body).isObject();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return request + " → " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    Response get(String url) {
        return send(HttpRequest.newBuilder(resolve(url)).GET(), "GET " + url);
    }

    Response postJson(String url, String json) {
        return send(
                HttpRequest.newBuilder(resolve(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                "POST " + url + " " + json);
    }

    /** Sends a request built by the test; the URL's host is resolved through the course DNS first. */
    Response send(HttpRequest.Builder request, String description) {
        HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            InetSocketAddress servedBy =
                    new InetSocketAddress(built.uri().getHost(), built.uri().getPort());
            return new Response(description, servedBy, response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://snapshots.test/x} → {@code http://127.0.0.1:<port>/x}, as a DNS lookup would do. */
    URI resolve(String url) {
        URI uri = URI.create(url);
        try {
            InetSocketAddress address = dns.resolve(uri.getHost());
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return URI.create("http://" + address.getHostString() + ":" + address.getPort() + uri.getRawPath() + query);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve " + url + ": " + e.getMessage(), e);
        }
    }
}
