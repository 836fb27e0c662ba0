package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.lb.HealthChecker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 03 (exercise 3.3): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 03 · Active health checks take sick servers out and recovered ones back in")
class HealthCheckTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void fall_failures_in_a_row_take_a_server_out_and_rise_successes_put_it_back() {
        BackendPool pool = new BackendPool();
        Backend web = new Backend("web-1", new InetSocketAddress("127.0.0.1", 1));
        pool.add(web);
        try (HealthChecker checker = new HealthChecker(pool, null, 3, 2)) {
            checker.record(web, false);
            checker.record(web, false);
            assertThat(pool.isUp("web-1"))
                    .as("fall=3, after 2 failed checks: still up")
                    .isTrue();
            checker.record(web, true);
            checker.record(web, false);
            checker.record(web, false);
            assertThat(pool.isUp("web-1"))
                    .as("a success between failures starts the count again: still up")
                    .isTrue();
            checker.record(web, false);
            assertThat(pool.isUp("web-1")).as("3 failures in a row: down").isFalse();
            checker.record(web, true);
            assertThat(pool.isUp("web-1"))
                    .as("rise=2, after 1 success: still down")
                    .isFalse();
            checker.record(web, false);
            checker.record(web, true);
            assertThat(pool.isUp("web-1"))
                    .as("a failure between successes starts the count again: still down")
                    .isFalse();
            checker.record(web, true);
            assertThat(pool.isUp("web-1")).as("2 successes in a row: up again").isTrue();
        }
    }

    @Test
    void a_sick_server_is_taken_out_and_gets_no_more_traffic() {
        DnsRegistry dns = new DnsRegistry();
        SiteClient client = new SiteClient(dns);
        try (Topology topology =
                TestTopology.builder(dns).webServers(3).loadBalancer().start()) {
            topology.loadBalancer().startHealthChecks(2, 2, INTERVAL);
            topology.web().server("web-2").setHealthy(false);

            await("web-2's /health answers 503; the balancer marks it down")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast(topology::rethrowUnfinished)
                    .until(() -> !topology.loadBalancer().pool().isUp("web-2"));
            var before = Servers.served(topology.web().servers());
            for (int i = 0; i < 90; i++) {
                var response = client.get(Servers.CHEAP);
                assertThat(response.status()).as("%s", response).isEqualTo(200);
            }
            var delta = Servers.delta(before, Servers.served(topology.web().servers()));

            assertThat(delta)
                    .as("the next 90 requests, per web server, after web-2 was marked down")
                    .isEqualTo(Map.of("web-1", 45L, "web-2", 0L, "web-3", 45L));
        }
    }

    @Test
    void a_dead_server_that_comes_back_is_put_back_into_rotation() {
        DnsRegistry dns = new DnsRegistry();
        SiteClient client = new SiteClient(dns);
        try (Topology topology =
                TestTopology.builder(dns).webServers(3).loadBalancer().start()) {
            topology.loadBalancer().startHealthChecks(2, 2, INTERVAL);
            int port = topology.web().server("web-2").address().getPort();
            topology.web().kill("web-2");
            await("killed web-2 is marked down")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast(topology::rethrowUnfinished)
                    .until(() -> !topology.loadBalancer().pool().isUp("web-2"));

            topology.web().restart("web-2", port);
            await("restarted web-2 is marked up again")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast(topology::rethrowUnfinished)
                    .until(() -> topology.loadBalancer().pool().isUp("web-2"));
            var before = Servers.served(topology.web().servers());
            for (int i = 0; i < 90; i++) {
                client.get(Servers.CHEAP);
            }
            var delta = Servers.delta(before, Servers.served(topology.web().servers()));

            assertThat(delta)
                    .as("the next 90 requests once web-2 is back")
                    .isEqualTo(Map.of("web-1", 30L, "web-2", 30L, "web-3", 30L));
        }
    }

    @Test
    void each_backend_has_a_count_of_its_own() {
        BackendPool pool = new BackendPool();
        Backend sick = new Backend("web-1", new InetSocketAddress("127.0.0.1", 1));
        Backend well = new Backend("web-2", new InetSocketAddress("127.0.0.1", 2));
        pool.add(sick);
        pool.add(well);
        try (HealthChecker checker = new HealthChecker(pool, null, 3, 2)) {
            for (int round = 0; round < 3; round++) {
                checker.record(sick, false);
                checker.record(well, true);
            }
            assertThat(pool.isUp("web-1"))
                    .as("web-1 failed 3 checks in a row (web-2's successes in between are web-2's): down")
                    .isFalse();
            assertThat(pool.isUp("web-2")).as("web-2 passed every check: up").isTrue();
        }
    }
}
