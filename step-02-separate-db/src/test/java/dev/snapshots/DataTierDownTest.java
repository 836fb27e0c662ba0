package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("2.4")
@DisplayName("2.4 Data tier down: a fast 503, then recovery without a restart")
class DataTierDownTest {

    private static final Duration FAST = Duration.ofSeconds(2);

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;
    private long adaId;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns).webServers(1).start();
        var created = client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"password\": \"correct horse\"}");
        assertThat(created.status())
                .as("set-up needs exercises 2.1 and 2.2: %s", created)
                .isEqualTo(201);
        adaId = created.json().path("id").asLong();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private SiteClient.Response timed(java.util.function.Supplier<SiteClient.Response> request) {
        long start = System.nanoTime();
        SiteClient.Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took)
                .as("2.4: %s took %d ms; a down data tier must be reported fast", response, took.toMillis())
                .isLessThan(FAST);
        return response;
    }

    private static void assertUnavailable(SiteClient.Response response) {
        assertThat(response.status())
                .as("2.4: the data tier is down, so 503 (not 500, not 4xx): %s", response)
                .isEqualTo(503);
        assertThat(response.isJson())
                .as("2.4: errors are JSON objects: %s", response)
                .isTrue();
        assertThat(response.header("Retry-After"))
                .as("2.4: a Retry-After header on %s", response)
                .isNotBlank();
    }

    @Test
    void with_the_data_tier_stopped_reads_writes_and_logins_get_a_503_within_2_seconds() {
        topology.database().stop();

        assertUnavailable(timed(() -> client.get("http://snapshots.test/api/users/" + adaId)));
        assertUnavailable(timed(() -> client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"Bo\", \"email\": \"bo@example.com\", \"password\": \"correct horse\"}")));
        assertUnavailable(timed(() -> client.postJson(
                "http://snapshots.test/api/login",
                "{\"email\": \"ada@example.com\", \"password\": \"correct horse\"}")));
        assertUnavailable(timed(() -> client.get("http://snapshots.test/")));
    }

    @Test
    void the_same_web_server_recovers_by_itself_when_the_data_tier_is_back() {
        WebServer before = topology.webServers().get(0);
        topology.database().stop();
        assertUnavailable(client.get("http://snapshots.test/api/users/" + adaId));

        topology.database().start();

        await("2.4: GET /api/users/" + adaId + " answers 200 again once the data tier is back")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        client.get("http://snapshots.test/api/users/" + adaId).status() == 200);
        assertThat(topology.webServers()).as("2.4: no web server was restarted").containsExactly(before);
        var ada = client.get("http://snapshots.test/api/users/" + adaId);
        assertThat(ada.json().path("name").asText())
                .as("2.4: the data survived the outage: %s", ada)
                .isEqualTo("Ada");
    }

    @Test
    void a_sign_up_refused_during_the_outage_left_nothing_behind() {
        String bo = "{\"name\": \"Bo\", \"email\": \"bo@example.com\", \"password\": \"correct horse\"}";
        topology.database().stop();
        assertUnavailable(client.postJson("http://snapshots.test/api/users", bo));
        topology.database().start();

        await("2.4: the data tier is back")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        client.get("http://snapshots.test/api/users/" + adaId).status() == 200);
        var retried = client.postJson("http://snapshots.test/api/users", bo);
        assertThat(retried.status())
                .as("2.4: the client's retry after a 503 succeeds, not 409: %s", retried)
                .isEqualTo(201);
    }
}
