package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogLine;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.RequestIds;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("10.3")
@DisplayName("10.3 Every server's lines reach the central store; one request id finds them on every tier, in order")
class LogShippingTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;
    private static CentralLogs logs;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .queue(1)
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
    void one_uploads_request_id_finds_the_balancer_a_web_server_and_the_worker_in_time_order() {
        SiteClient.Response upload = client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/photos"))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(320, 240, 10))),
                "POST /api/photos");
        assertThat(upload.status()).as("10.3: the upload: %s", upload).isEqualTo(202);
        String requestId = upload.header(RequestIds.HEADER);
        assertThat(requestId)
                .as("10.3: the upload's %s (exercise 10.1)", RequestIds.HEADER)
                .isNotNull();
        String photo = upload.json().path("id").asText();

        List<JsonNode> lines = logs.awaitSearch(
                "request_id",
                requestId,
                "10.3: lines from the balancer, a web server and the worker for request " + requestId,
                found -> services(found).containsAll(List.of("lb", "web", "worker"))
                        && found.stream()
                                .anyMatch(line -> line.path("message").asText().startsWith("made ")));

        List<Instant> times = lines.stream()
                .map(line -> Instant.parse(line.path("time").asText()))
                .toList();
        assertThat(times)
                .as("10.3: the lines' times, as the search gives them:%s", CentralLogs.describe(lines))
                .isSorted();
        assertThat(lines)
                .as("10.3: every line found is the request's")
                .allSatisfy(line -> assertThat(line.path("request_id").asText()).isEqualTo(requestId));
        int queued = indexOf(lines, "web", "POST /api/photos");
        int took = indexOf(lines, "worker", "took job ");
        int made = indexOf(lines, "worker", "made ");
        assertThat(took)
                .as(
                        "10.3: the worker's line taking the job comes before the one that finishes it:%s",
                        CentralLogs.describe(lines))
                .isBetween(0, made - 1);
        assertThat(queued)
                .as(
                        "10.3: the web server's line for the upload comes before the worker's:%s",
                        CentralLogs.describe(lines))
                .isBetween(0, made - 1);
        assertThat(lines.get(made).path("message").asText())
                .as("10.3: the worker's line names the photo")
                .contains(photo);
    }

    @Test
    void every_line_of_every_server_is_one_json_object_with_the_agreed_fields() {
        for (int i = 0; i < 6; i++) {
            client.get("http://snapshots.test/api/users/" + (1_000 + i));
        }
        logs.awaitLine("10.3: the web servers' lines", line -> "web".equals(line.service()));
        // The balancer ships its own lines, on its own schedule: wait for them too before reading all.
        logs.awaitLine("10.3: the balancer's lines", line -> "lb".equals(line.service()));
        List<LogLine> all = logs.all();
        assertThat(all).as("10.3: lines in the store").isNotEmpty();
        for (LogLine line : all) {
            assertThat(line.json())
                    .as("10.3: one line, as shipped")
                    .doesNotContain("\n")
                    .doesNotContain("\r");
            JsonNode json = CentralLogs.parse(line.json());
            assertThat(json.isObject())
                    .as("10.3: a JSON object: %s", line.json())
                    .isTrue();
            for (String field : List.of("time", "level", "service", "host", "message")) {
                assertThat(json.hasNonNull(field))
                        .as("10.3: field %s in %s", field, line.json())
                        .isTrue();
            }
            if (json.path("logger").asText().endsWith(".access")) {
                assertThat(json.path("request_id").asText())
                        .as("10.3: an access line names its request: %s", line.json())
                        .matches(RequestIds.WELL_FORMED);
            }
        }
        assertThat(all.stream().map(LogLine::service).distinct())
                .as("10.3: the tiers whose lines are in the store")
                .contains("lb", "web");
    }

    private static List<String> services(List<JsonNode> lines) {
        return lines.stream()
                .map(line -> line.path("service").asText())
                .distinct()
                .toList();
    }

    private static int indexOf(List<JsonNode> lines, String service, String messageStart) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            if (line.path("service").asText().equals(service)
                    && line.path("message").asText().startsWith(messageStart)) {
                return i;
            }
        }
        return -1;
    }
}
