package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.deploy.DeploySettings;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.Build;
import dev.snapshots.web.Dependency;
import dev.snapshots.web.HealthProbes;
import dev.snapshots.web.Lifecycle;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("12.1")
@DisplayName(
        "12.1 Liveness is the process alone; readiness is warm-up, drain, sickness and the data tier, not the cache; the balancer sends traffic only to ready servers")
class ProbesTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    /** How long the test waits for what the balancer's checks (every 25 ms) do soon: room for a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /**
     * The warming server's warm-up: its first probes must reach it while it still warms up, and on a
     * loaded machine starting it and probing it twice took longer than 300 ms.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(2);

    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // two servers, a balancer and the cache: room for a busy machine
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .cache(Duration.ofSeconds(30))
                .deploys(DeploySettings.fast())
                .start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static SiteClient.Response probe(WebServer server, String path) {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).GET(), "GET " + path + " on " + server.name());
    }

    /** The strings of the JSON array {@code field} of {@code answer}, or none. */
    private static List<String> texts(SiteClient.Response answer, String field) {
        List<String> values = new ArrayList<>();
        if (answer.isJson()) {
            answer.json().path(field).forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    @Test
    void a_server_warming_up_is_live_but_not_ready_until_its_warm_up_is_done() {
        WebServer warming = topology.web().start("web-warming", Build.of("v1").warmingUpFor(WARM_UP));
        try {
            SiteClient.Response live = probe(warming, "/health/live");
            assertThat(live.status())
                    .as("12.1: /health/live of a server warming up: the process works (%s)", live)
                    .isEqualTo(200);
            assertThat(live.json().path("status").asText()).as("12.1: %s", live).isEqualTo("live");
            SiteClient.Response ready = probe(warming, "/health/ready");
            assertThat(ready.status())
                    .as("12.1: /health/ready of a server still warming up must be 503 (%s)", ready)
                    .isEqualTo(503);
            assertThat(texts(ready, "reasons"))
                    .as("12.1: the reasons of %s", ready)
                    .contains("warming up");
            await("12.1: /health/ready answers 200 once the warm-up is over")
                    .atMost(PATIENCE)
                    .until(() -> probe(warming, "/health/ready").status() == 200);
        } finally {
            topology.web().stop(warming);
        }
    }

    @Test
    void without_its_data_tier_a_server_is_not_ready_but_still_live() {
        topology.data().primaryServer().stop();
        try {
            for (WebServer server : topology.web().servers()) {
                SiteClient.Response ready = probe(server, "/health/ready");
                assertThat(ready.status())
                        .as("12.1: /health/ready with the data tier down must be 503, never a 500 (%s)", ready)
                        .isEqualTo(503);
                assertThat(texts(ready, "reasons"))
                        .as("12.1: the reasons of %s", ready)
                        .contains("data tier unreachable");
                SiteClient.Response live = probe(server, "/health/live");
                assertThat(live.status())
                        .as(
                                "12.1: /health/live with the data tier down: restarting the process would not bring"
                                        + " the data tier back (%s)",
                                live)
                        .isEqualTo(200);
            }
        } finally {
            topology.data().primaryServer().start();
        }
        await("12.1: every server ready again once the data tier is back")
                .atMost(PATIENCE)
                .until(() -> topology.web().servers().stream()
                        .allMatch(server -> probe(server, "/health/ready").status() == 200));
    }

    @Test
    void without_the_cache_a_server_is_degraded_but_stays_ready() {
        topology.tier(CacheTier.class).server().stop();
        try {
            for (WebServer server : topology.web().servers()) {
                SiteClient.Response ready = probe(server, "/health/ready");
                assertThat(ready.status())
                        .as(
                                "12.1: /health/ready with the cache down: the cache is optional since step 05, and"
                                        + " failing every server at once would take the site down (%s)",
                                ready)
                        .isEqualTo(200);
                assertThat(texts(ready, "degraded"))
                        .as("12.1: what is degraded, in %s", ready)
                        .contains("cache unreachable");
            }
        } finally {
            topology.tier(CacheTier.class).server().start();
        }
    }

    @Test
    void the_balancer_stops_sending_traffic_to_a_draining_or_sick_server() {
        WebServer draining = topology.addWebServer("web-draining");
        WebServer sick = topology.addWebServer("web-sick");
        try {
            draining.stopBeingReady();
            sick.setHealthy(false);
            for (WebServer server : List.of(draining, sick)) {
                SiteClient.Response ready = probe(server, "/health/ready");
                assertThat(ready.status())
                        .as("12.1: /health/ready of %s (%s)", server.name(), ready)
                        .isEqualTo(503);
                assertThat(probe(server, "/health/live").status())
                        .as("12.1: /health/live of %s: it still works", server.name())
                        .isEqualTo(200);
            }
            await("12.1: the balancer takes both out of its pool")
                    .atMost(PATIENCE)
                    .until(() -> !topology.loadBalancer().pool().isUp("web-draining")
                            && !topology.loadBalancer().pool().isUp("web-sick"));
            Map<String, Long> before = served();
            for (int i = 0; i < 40; i++) {
                client.get("http://snapshots.test/api/users/" + (90_000 + i));
            }
            Map<String, Long> after = served();
            assertThat(after.get("web-draining") - before.get("web-draining"))
                    .as("12.1: requests the draining server got after the balancer noticed, of 40")
                    .isZero();
            assertThat(after.get("web-sick") - before.get("web-sick"))
                    .as("12.1: requests the sick server got after the balancer noticed, of 40")
                    .isZero();
        } finally {
            topology.loadBalancer().pool().remove("web-draining");
            topology.loadBalancer().pool().remove("web-sick");
            topology.web().stop(draining);
            topology.web().stop(sick);
        }
    }

    /** A dependency whose check answers, or throws a checked exception whose message holds a secret. */
    private static Dependency dependency(String name, boolean required, boolean answers) {
        return new Dependency(name, required, () -> {
            if (!answers) {
                throw new java.io.IOException(
                        "connect timed out: jdbc:h2:tcp://10.0.0.7:9092/users user=sa password=" + SECRET);
            }
        });
    }

    private static final String SECRET = "hunter2-not-for-the-probe";

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void each_server_judges_its_own_dependencies_and_a_check_that_throws_anything_is_a_plain_no() {
        // Two servers' lifecycles, asked in turn, as the balancer's checks ask every server: one cut off
        // from its data tier (its check throws a checked exception, as a driver's time-out does), one
        // whose dependencies all answer. Each answer is that server's own, and only fixed words.
        Lifecycle cutOff = new Lifecycle(
                Build.of("v1"),
                List.of(dependency("data tier", true, false), dependency("cache", false, true)),
                Lifecycle.Shutdown.defaults());
        Lifecycle healthy = new Lifecycle(
                Build.of("v1"),
                List.of(dependency("data tier", true, true), dependency("cache", false, true)),
                Lifecycle.Shutdown.defaults());
        for (int round = 1; round <= 4; round++) {
            HealthProbes.Answer notReady;
            try {
                notReady = HealthProbes.ready(cutOff);
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "12.1: a check that throws (here an IOException) is a no, never an exception (a 500): " + e, e);
            }
            assertThat(notReady.status())
                    .as("12.1: round %d, readiness of the server cut off from its data tier (%s)", round, notReady)
                    .isEqualTo(503);
            assertThat(notReady.body().get("reasons"))
                    .as("12.1: round %d, its reasons: fixed words, never the exception's text", round)
                    .isEqualTo(List.of("data tier unreachable"));
            assertThat(String.valueOf(notReady.body()))
                    .as("12.1: round %d, the readiness answer is open to anyone: no driver message in it", round)
                    .doesNotContain(SECRET);
            HealthProbes.Answer ready = HealthProbes.ready(healthy);
            assertThat(ready.status())
                    .as(
                            "12.1: round %d, readiness of the server whose dependencies answer, asked right after the"
                                    + " other's (%s): it judges its own",
                            round, ready)
                    .isEqualTo(200);
            assertThat(ready.body().get("degraded"))
                    .as(
                            "12.1: round %d, \"degraded\" of a server with nothing degraded: an empty list (%s)",
                            round, ready)
                    .isEqualTo(List.of());
        }
    }

    private static Map<String, Long> served() {
        Map<String, Long> served = new HashMap<>();
        topology.web().servers().forEach(server -> served.put(server.name(), server.requestsServed()));
        return served;
    }
}
