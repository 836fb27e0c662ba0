package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.Database;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.DataTierUnavailableException;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 02 (exercise 2.4): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 02 · Data tier down: a fast 503, then recovery without a restart")
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
                .as("%s took %d ms; a down data tier must be reported fast", response, took.toMillis())
                .isLessThan(FAST);
        return response;
    }

    private static void assertUnavailable(SiteClient.Response response) {
        assertThat(response.status())
                .as("the data tier is down, so 503 (not 500, not 4xx): %s", response)
                .isEqualTo(503);
        assertThat(response.isJson())
                .as("errors are JSON objects: %s", response)
                .isTrue();
        assertThat(response.header("Retry-After"))
                .as("a Retry-After header on %s", response)
                .isNotBlank();
    }

    @Test
    void with_the_data_tier_stopped_reads_writes_and_logins_get_a_503_within_2_seconds() {
        topology.data().primaryServer().stop();

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
        WebServer before = topology.web().servers().get(0);
        topology.data().primaryServer().stop();
        assertUnavailable(client.get("http://snapshots.test/api/users/" + adaId));

        topology.data().primaryServer().start();

        await("GET /api/users/" + adaId + " answers 200 again once the data tier is back")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        client.get("http://snapshots.test/api/users/" + adaId).status() == 200);
        assertThat(topology.web().servers()).as("no web server was restarted").containsExactly(before);
        var ada = client.get("http://snapshots.test/api/users/" + adaId);
        assertThat(ada.json().path("name").asText())
                .as("the data survived the outage: %s", ada)
                .isEqualTo("Ada");
    }

    @Test
    void a_sign_up_refused_during_the_outage_left_nothing_behind() {
        String bo = "{\"name\": \"Bo\", \"email\": \"bo@example.com\", \"password\": \"correct horse\"}";
        topology.data().primaryServer().stop();
        assertUnavailable(client.postJson("http://snapshots.test/api/users", bo));
        topology.data().primaryServer().start();

        await("the data tier is back")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        client.get("http://snapshots.test/api/users/" + adaId).status() == 200);
        var retried = client.postJson("http://snapshots.test/api/users", bo);
        assertThat(retried.status())
                .as("the client's retry after a 503 succeeds, not 409: %s", retried)
                .isEqualTo(201);
    }

    @Test
    void a_connection_that_breaks_in_the_middle_of_a_statement_is_a_503_too() throws Exception {
        // The web server reaches the data tier through a link the test cuts while a read is in flight:
        // the statement is sent, its answer never comes, and then the connection breaks.
        DataTierConfig direct = topology.data().config();
        try (CuttableLink link = CuttableLink.to(topology.data().primaryServer().port());
                WebServer web = TestTopology.webServerOn(
                        "web-linked",
                        new DataTierConfig(
                                direct.url()
                                        .replace(
                                                ":"
                                                        + topology.data()
                                                                .primaryServer()
                                                                .port() + "/",
                                                ":" + link.port() + "/"),
                                direct.user(),
                                direct.password()),
                        TestTopology.CHEAP_HASHING,
                        new InMemorySessions(),
                        new InMemorySessions(),
                        0)) {
            dns.register(Topology.SITE, web.address());
            String ada = "http://snapshots.test/api/users/" + adaId;
            assertThat(client.get(ada).status())
                    .as("through the link, before the cut")
                    .isEqualTo(200);

            link.holdStatementContaining("FROM users WHERE id");
            CompletableFuture<SiteClient.Response> read = CompletableFuture.supplyAsync(() -> client.get(ada));
            assertThat(link.awaitHeld(Duration.ofSeconds(20)))
                    .as("the read's statement reached the database link")
                    .isTrue();
            long cutAt = System.nanoTime();
            link.cut();
            SiteClient.Response response = read.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - cutAt);

            assertThat(response.status())
                    .as("the connection broke in the middle of the statement, so 503 (not 500): %s", response)
                    .isEqualTo(503);
            assertUnavailable(response);
            assertThat(took)
                    .as(
                            "%s came %d ms after the cut; a broken connection must be reported fast",
                            response, took.toMillis())
                    .isLessThan(FAST);
            await("the same web server answers 200 again once the link works")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> client.get(ada).status() == 200);
        }
    }

    @Test
    void only_an_unreachable_data_tier_is_reported_as_one() {
        try (Database database = Database.connect(topology.data().config())) {
            Throwable badSql =
                    catchThrowable(() -> database.call(handle -> handle.execute("SELECT no_such_column FROM users")));
            assertThat(badSql)
                    .as("a statement the database refuses is a bug (500), not an outage (503)")
                    .isNotNull()
                    .isNotInstanceOf(DataTierUnavailableException.class);
            IllegalStateException bug = new IllegalStateException("a bug in the callback");
            assertThat(catchThrowable(() -> database.call(handle -> {
                        throw bug;
                    })))
                    .as("an exception of the callback's own goes through unchanged")
                    .isSameAs(bug);

            topology.data().primaryServer().stop();
            assertThat(catchThrowable(() -> database.call(handle -> handle.execute("SELECT 1"))))
                    .as("with the database server stopped, Database.call throws DataTierUnavailableException")
                    .isInstanceOf(DataTierUnavailableException.class);
        }
    }
}
