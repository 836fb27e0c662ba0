package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogLine;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.RequestIds;
import dev.snapshots.queue.QueueSettings;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 10 · A bug answers 500 with an error id and nothing about the code; the same id finds its stack trace, logged once")
class ErrorIdTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;
    private static CentralLogs logs;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .queue(0, QueueSettings.defaults(), Duration.ZERO)
                .logs()
                .start();
        client = new SiteClient(DNS);
        logs = new CentralLogs(topology.tier(LogPipeline.class));
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void a_corrupt_row_answers_500_with_an_error_id_that_finds_its_one_stack_trace() {
        String marker = "BROKEN" + (System.nanoTime() % 1_000);
        String photo = corruptPhoto(marker);

        SiteClient.Response failed = client.get("http://snapshots.test/api/photos/" + photo);
        assertThat(failed.status())
                .as("the status of a photo whose row is corrupt: %s", failed)
                .isEqualTo(500);
        assertThat(failed.isJson()).as("a JSON error: %s", failed).isTrue();
        JsonNode body = failed.json();
        String errorId = body.path("error_id").asText(null);
        assertThat(errorId).as("error_id in %s", failed.body()).isNotNull().matches(RequestIds.WELL_FORMED);
        for (String internal : List.of("Exception", "dev.snapshots", "PhotoStatus", marker, "\tat ", "java.")) {
            assertThat(failed.body())
                    .as("the 500's body tells nothing about the code (%s)", internal)
                    .doesNotContain(internal);
        }

        List<JsonNode> found =
                logs.awaitSearch("error_id", errorId, "the line of error " + errorId, lines -> !lines.isEmpty());
        assertThat(found)
                .as("lines found by the error id %s:%s", errorId, CentralLogs.describe(found))
                .hasSize(1);
        JsonNode line = found.get(0);
        assertThat(line.path("level").asText()).as("the error line's level").isEqualTo("ERROR");
        assertThat(line.path("stack_trace").asText())
                .as("the error line's stack_trace: the exception and where it was thrown")
                .contains("IllegalArgumentException")
                .contains(marker)
                .contains("at dev.snapshots.");
        String requestId = failed.header(RequestIds.HEADER);
        if (requestId != null) {
            assertThat(line.path("request_id").asText())
                    .as("the error line's request id, the request's")
                    .isEqualTo(requestId);
        }

        // Once: no other line in the whole store has this failure's stack trace (or its message).
        logs.awaitLine(
                "the access line of the failed request",
                stored -> stored.message() != null && stored.message().contains("/api/photos/" + photo + " → 500"));
        List<LogLine> mentioning = logs.all().stream()
                .filter(stored -> stored.json().contains(marker))
                .toList();
        assertThat(mentioning)
                .as(
                        "lines of the whole run that carry the failure (%s): the error is logged once%s",
                        marker,
                        mentioning.stream()
                                .map(l -> "\n  " + l.level() + " " + l.message())
                                .toList())
                .hasSize(1);
    }

    @Test
    void each_failure_gets_its_own_error_id() {
        String photo = corruptPhoto("BROKENX");
        String first = client.get("http://snapshots.test/api/photos/" + photo)
                .json()
                .path("error_id")
                .asText(null);
        String second = client.get("http://snapshots.test/api/photos/" + photo)
                .json()
                .path("error_id")
                .asText(null);
        assertThat(first).as("the first failure's error id").isNotNull();
        assertThat(second)
                .as("the second failure's error id, against the first's")
                .isNotNull()
                .isNotEqualTo(first);
    }

    /** Uploads a photo, then breaks its row as a bug (or a bad migration) would: its status is no status. */
    private static String corruptPhoto(String status) {
        SiteClient.Response upload = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/photos"))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(64, 48, 3))),
                "POST /api/photos");
        assertThat(upload.status()).as("the upload: %s", upload).isEqualTo(202);
        String photo = upload.json().path("id").asText();
        topology.data()
                .cluster()
                .primary()
                .admin()
                .call(handle -> handle.createUpdate("UPDATE photos SET status = :status WHERE id = :id")
                        .bind("status", status)
                        .bind("id", photo)
                        .execute());
        return photo;
    }
}
