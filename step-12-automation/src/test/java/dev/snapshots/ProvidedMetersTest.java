package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.Samples;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: the meters the course provides (step 11). The balancer counts the requests it
 * sends each backend; each web server times its calls to the data tier by where they went.
 */
@DisplayName("Provided meters: the balancer's requests per backend, the data tier's calls per role")
class ProvidedMetersTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .replicas(1)
                .start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void the_balancer_counts_each_backends_requests() {
        Samples before = MetricsClient.scrape(topology.loadBalancer().address(), topology.metricsToken());
        for (int i = 0; i < 40; i++) {
            client.get("http://snapshots.test/api/users/" + (70_000 + i));
        }
        Samples after = MetricsClient.scrape(topology.loadBalancer().address(), topology.metricsToken());
        for (String backend : new String[] {"web-1", "web-2"}) {
            double sent = after.sum("lb_requests_total", Map.of("backend", backend))
                    - before.sum("lb_requests_total", Map.of("backend", backend));
            assertThat(sent)
                    .as("lb_requests_total{backend=\"%s\"} after 40 requests, round robin", backend)
                    .isEqualTo(20);
        }
    }

    @Test
    void each_web_server_times_its_calls_to_the_data_tier_by_role() {
        SiteClient.Response created = client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"D\", \"email\": \"db-role-" + System.nanoTime()
                        + "@example.com\", \"password\": \"correct horse\"}");
        assertThat(created.status()).as("sign-up: %s", created).isEqualTo(201);
        topology.data().awaitReplication();
        for (int i = 0; i < 10; i++) {
            client.get("http://snapshots.test/api/users/" + (80_000 + i));
        }
        double primary = 0;
        double replica = 0;
        for (var web : topology.web().servers()) {
            Samples samples = MetricsClient.scrape(web.address(), topology.metricsToken());
            primary += samples.sum("db_queries_seconds_count", Map.of("role", "primary"));
            replica += samples.sum("db_queries_seconds_count", Map.of("role", "replica"));
        }
        assertThat(primary)
                .as("calls timed as role=primary on the web servers: the sign-up's write")
                .isPositive();
        assertThat(replica)
                .as("calls timed as role=replica: the 10 reads, with a replica up")
                .isGreaterThanOrEqualTo(10);
    }
}
