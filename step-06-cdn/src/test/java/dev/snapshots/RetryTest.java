package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 03 (exercise 3.4): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 03 · Idempotent requests are retried on another server; a POST never is")
class RetryTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns).webServers(3).loadBalancer().start();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    @Test
    void with_a_dead_server_and_no_health_checks_every_GET_still_succeeds() {
        topology.web().kill("web-2");
        var before = Servers.served(topology.web().servers());
        List<String> failed = new ArrayList<>();
        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            var response = client.get(Servers.CHEAP);
            answeredBy.merge(String.valueOf(response.header(WebServer.SERVED_BY)), 1, Integer::sum);
            if (response.status() != 200) {
                failed.add(response.toString());
            }
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        assertThat(failed)
                .as("GETs that failed although two servers were alive")
                .isEmpty();
        assertThat(delta.values().stream().mapToLong(Long::longValue).sum())
                .as(
                        "the live servers answered all 60 (per server: %s; X-Served-By of the answers: %s)",
                        delta, answeredBy)
                .isEqualTo(60);
    }

    @Test
    void a_POST_that_meets_a_dead_server_is_not_retried_and_gets_a_clear_502() {
        topology.web().kill("web-2");
        var before = Servers.served(topology.web().servers());
        List<SiteClient.Response> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(client.postJson(
                    "http://snapshots.test/api/users",
                    "{\"name\": \"P%d\", \"email\": \"post%d@example.com\", \"password\": \"correct horse\"}"
                            .formatted(i, i)));
        }
        var delta = Servers.delta(before, Servers.served(topology.web().servers()));

        List<Integer> statuses =
                answers.stream().map(SiteClient.Response::status).toList();
        assertThat(statuses)
                .as("3 sign-ups in turn over web-1, dead web-2, web-3: %s", answers)
                .containsExactlyInAnyOrder(201, 201, 502);
        SiteClient.Response refused =
                answers.stream().filter(r -> r.status() == 502).findFirst().orElseThrow();
        assertThat(refused.isJson()).as("the 502 is a JSON error: %s", refused).isTrue();
        assertThat(delta.values().stream().mapToLong(Long::longValue).sum())
                .as("the live servers saw 2 sign-ups, not 3: the one sent to web-2 was not retried (%s)", delta)
                .isEqualTo(2);
    }

    @Test
    void with_every_server_dead_a_GET_fails_fast_after_a_bounded_number_of_tries() {
        topology.web().kill("web-1");
        topology.web().kill("web-2");
        topology.web().kill("web-3");

        long start = System.nanoTime();
        var response = client.get(Servers.CHEAP);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).as("%s", response).isEqualTo(502);
        // Refused connections cost microseconds, so three tries take milliseconds; the bound leaves a busy
        // machine room and still fails a balancer that waits between tries or keeps trying.
        assertThat(took)
                .as("giving up took %d ms: it must not wait between tries or go on trying", took.toMillis())
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_server_killed_in_the_middle_of_a_load_costs_zero_failed_requests() throws Exception {
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(100));
        AtomicInteger sent = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                SiteClient own = new SiteClient(dns);
                done.add(clients.submit(() -> {
                    while (sent.incrementAndGet() <= 500) {
                        var response = own.get(Servers.CHEAP);
                        if (response.status() != 200) {
                            failures.add(response.toString());
                        }
                    }
                }));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() >= 150);
            topology.web().kill("web-2");
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(failures)
                .as("of 500 GETs from 8 clients, with web-2 killed after about 150, these failed")
                .isEmpty();
        org.awaitility.Awaitility.await("the health checks mark web-2 down")
                .atMost(Duration.ofSeconds(5))
                .until(() -> !topology.loadBalancer().pool().isUp("web-2"));
    }
}
