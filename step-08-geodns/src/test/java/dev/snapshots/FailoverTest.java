package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.CentreHealth;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("8.2")
@DisplayName(
        "8.2 eu-west down under EU traffic: EU clients reach us-east within TTL + checks, and come back after (needs 8.1)")
class FailoverTest {

    private static final int TTL_SECONDS = 1;
    /** Checks every 100 ms, fall 2, rise 2 (TestTopology.site). */
    private static final long DOWN_BOUND_MS =
            TTL_SECONDS * 1_000 + 2 * 100 + CentreHealth.PROBE_TIMEOUT.toMillis() + 600;

    private GlobalSite site;
    private volatile boolean running = true;
    private Thread traffic;

    /** One EU request's outcome: when it ended (ms since the start), where it went, and its status. */
    private record Outcome(long atMillis, String centre, int status) {}

    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private long startNanos;

    @BeforeEach
    void start() {
        site = TestTopology.site(TTL_SECONDS).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        if (traffic != null) {
            traffic.join(5_000);
        }
        site.close();
    }

    private long now() {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** Steady EU traffic: one client, a request every 20 ms, each through its cached DNS answer. */
    private void steadyEuTraffic() {
        GeoClient client = GeoClient.inEurope(site);
        startNanos = System.nanoTime();
        traffic = new Thread(
                () -> {
                    while (running) {
                        String centre;
                        int status;
                        try {
                            centre = client.centre();
                            status = client.get("/health", null).status();
                        } catch (AssertionError unresolved) {
                            centre = "?";
                            status = -1;
                        }
                        outcomes.add(new Outcome(now(), centre, status));
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "eu-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    /**
     * Fails at once, naming 8.2, if the health checks ran into its stub. Only the checks' stub: the
     * failover sends nothing across the ocean but the EU client's requests, so the applier of the
     * other centre's log (8.4), which may still be a stub, plays no part in it.
     */
    private void rethrowUnfinishedChecks() {
        try {
            site.rethrowUnfinished();
        } catch (UnsupportedOperationException todo) {
            if (String.valueOf(todo.getMessage()).startsWith("TODO 8.2")) {
                throw todo;
            }
        }
    }

    private List<Outcome> between(long from, long to) {
        return outcomes.stream()
                .filter(o -> o.atMillis() >= from && o.atMillis() < to)
                .toList();
    }

    @Test
    void eu_clients_fail_over_to_us_east_within_ttl_and_checks_and_return_when_eu_west_recovers() {
        assertThat(GeoClient.inEurope(site).centre())
                .as("8.2: an EU client before the outage")
                .isEqualTo("eu-west");
        steadyEuTraffic();
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 10);

        Topology euWest = site.centre(GlobalSite.EU_WEST);
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        for (WebServer server : euWest.web().servers()) {
            ports.put(server.name(), server.address().getPort());
        }
        long killedAt = now();
        ports.keySet().forEach(euWest.web()::kill);

        await("8.2: EU requests succeed again after eu-west's web servers died")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    rethrowUnfinishedChecks();
                    List<Outcome> after = between(killedAt, Long.MAX_VALUE);
                    return after.size() >= 5
                            && after.subList(after.size() - 5, after.size()).stream()
                                    .allMatch(
                                            o -> o.status() == 200 && o.centre().equals("us-east"));
                });
        long lastFailure = between(killedAt, Long.MAX_VALUE).stream()
                .filter(o -> o.status() != 200)
                .mapToLong(Outcome::atMillis)
                .max()
                .orElse(killedAt);
        long outage = lastFailure - killedAt;
        long settled = now();
        await().pollDelay(Duration.ofMillis(1_000)).until(() -> true);
        List<Outcome> afterwards = between(settled, now());
        System.out.printf(
                "8.2: eu-west down → EU requests failed for %d ms (bound: TTL %d s + 2 checks × 100 ms + probe time-out %d ms + 600 ms);"
                        + " %d requests after that%n",
                outage, TTL_SECONDS, CentreHealth.PROBE_TIMEOUT.toMillis(), afterwards.size());
        assertThat(outage)
                .as("8.2: ms from eu-west's death to the last failed EU request")
                .isLessThan(DOWN_BOUND_MS);
        assertThat(afterwards)
                .as("8.2: EU requests in the second after the failover")
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.status())
                        .as("status at %d ms", o.atMillis())
                        .isEqualTo(200));

        long restartedAt = now();
        ports.forEach(euWest.web()::restart);
        await("8.2: EU clients back on eu-west after it recovered")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    List<Outcome> after = between(restartedAt, Long.MAX_VALUE);
                    return !after.isEmpty()
                            && after.get(after.size() - 1).centre().equals("eu-west");
                });
        long back = now() - restartedAt;
        List<Outcome> duringReturn = between(restartedAt, now());
        System.out.printf("8.2: eu-west back → EU clients returned to it after %d ms%n", back);
        assertThat(back)
                .as("8.2: ms from eu-west's recovery to the first EU request it served")
                .isLessThan(TTL_SECONDS * 1_000 + 2 * 100 + 1_000);
        assertThat(duringReturn)
                .as("8.2: EU requests while eu-west came back")
                .allSatisfy(o -> assertThat(o.status())
                        .as("status at %d ms", o.atMillis())
                        .isEqualTo(200));
    }
}
