package dev.snapshots;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.logging.LogLine;
import dev.snapshots.logging.LogPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The tests' way into the central log tier: its search endpoint, asked as an operator would (with
 * the run's token), and the store's every line, parsed, for the checks that must look at all of them.
 */
final class CentralLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogPipeline pipeline;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CentralLogs(LogPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** An answer of the search endpoint. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the log search did not answer JSON: " + status + " " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /** {@code GET /api/logs?<query>} with {@code token} (null: no Authorization header). */
    Answer get(String query, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + pipeline.searchAddress().getPort() + "/api/logs" + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET());
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every line the search endpoint finds for {@code field=id}, in the order it gives them. */
    List<JsonNode> search(String field, String id) {
        Answer answer = get(field + "=" + URLEncoder.encode(id, StandardCharsets.UTF_8), pipeline.searchToken());
        if (answer.status() != 200) {
            throw new AssertionError("the log search for " + field + "=" + id + " answered " + answer);
        }
        List<JsonNode> lines = new ArrayList<>();
        answer.json().path("lines").forEach(lines::add);
        return lines;
    }

    /** Waits until the search for {@code field=id} finds lines that satisfy {@code enough}; returns them. */
    List<JsonNode> awaitSearch(String field, String id, String what, Predicate<List<JsonNode>> enough) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        try {
            long started = System.nanoTime();
            await(what)
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        last.set(0, search(field, id));
                        return enough.test(last.get(0)) || nothingShipped(started);
                    });
            if (nothingShipped(started)) {
                throw new AssertionError(what + ": " + NOTHING_SHIPPED);
            }
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + "; the search for " + field + "=" + id + " found "
                    + last.get(0).size() + " lines: " + describe(last.get(0)));
        }
        return last.get(0);
    }

    /** Every line in the store, oldest first. */
    List<LogLine> all() {
        return pipeline.store().all();
    }

    /** Waits until the store holds a line that satisfies {@code wanted}. */
    void awaitLine(String what, Predicate<LogLine> wanted) {
        try {
            long started = System.nanoTime();
            await(what)
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> all().stream().anyMatch(wanted) || nothingShipped(started));
            if (nothingShipped(started)) {
                throw new AssertionError(what + ": " + NOTHING_SHIPPED);
            }
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + ": not among the " + all().size() + " lines in the store ("
                    + pipeline.shipped() + " shipped, " + pipeline.dropped() + " dropped)");
        }
    }

    private static final String NOTHING_SHIPPED = "no server has shipped a single line in a second and a half"
            + " (exercise 10.3, LogShipper.offer, hands the lines to the shipper)";

    /** True when, 1.5 s after {@code started}, not one line has reached the pipeline: waiting longer is pointless. */
    private boolean nothingShipped(long started) {
        return pipeline.shipped() == 0 && System.nanoTime() - started > 1_500_000_000L;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** Lines as "service host: message", for failure messages. */
    static String describe(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        for (JsonNode line : lines) {
            text.append("\n  ")
                    .append(line.path("time").asText())
                    .append(' ')
                    .append(line.path("service").asText("?"))
                    .append(' ')
                    .append(line.path("message").asText());
        }
        return text.toString();
    }
}
