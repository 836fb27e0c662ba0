package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.cdn.TestClock;
import dev.snapshots.web.WebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("8.2")
@DisplayName(
        "8.2 eu-west down under EU traffic: once the checks take it out and the client's answer expires, EU clients reach us-east, and come back after (needs 8.1)")
class FailoverTest {

    private static final int TTL_SECONDS = 1;
    /** Past the answer's TTL by a millisecond: an answer is used until it expires, never after. */
    private static final Duration PAST_TTL = Duration.ofSeconds(TTL_SECONDS).plusMillis(1);
    /** Room for a slow machine to run the checks (every 100 ms, fall 2, rise 2: TestTopology.site). */
    private static final Duration ROOMY = Duration.ofSeconds(30);

    private GlobalSite site;
    private volatile boolean running = true;
    private Thread traffic;
    /** The EU client's clock: its cached answer expires when the test moves it, not when the machine gets to it. */
    private final TestClock clientClock = new TestClock();

    private GeoClient client;

    /**
     * One EU request's outcome: when it ended (ms since the start), the client's clock when it began,
     * where it went, and its status.
     */
    private record Outcome(long atMillis, Instant began, String centre, int status) {}

    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private long startNanos;

    @BeforeEach
    void start() {
        site = TestTopology.site(TTL_SECONDS).start();
        client = new GeoClient(site, "eu", GeoClient.EU_ADDRESS, clientClock);
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
        startNanos = System.nanoTime();
        traffic = new Thread(
                () -> {
                    while (running) {
                        outcomes.add(request());
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

    /** One EU request through the client's cached answer: where it went and what it got. */
    private Outcome request() {
        Instant began = clientClock.instant();
        try {
            String centre = client.centre();
            return new Outcome(now(), began, centre, client.get("/health", null).status());
        } catch (AssertionError unresolved) {
            return new Outcome(now(), began, "?", -1);
        }
    }

    /**
     * Moves the EU client's clock past its answer's TTL, then waits for the first request that
     * began after that (the traffic thread's: the client is used by one thread only).
     */
    private Outcome firstRequestPastTtl() {
        Instant expired = clientClock.advance(PAST_TTL);
        return await().atMost(ROOMY)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> outcomes.stream()
                                .filter(o -> !o.began().isBefore(expired))
                                .findFirst(),
                        Optional::isPresent)
                .get();
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

    /**
     * Judged on the system's own events, not on how fast a busy machine runs them: the checks must
     * take eu-west out (and back in), DNS must then answer with the other centre, and a client must
     * follow as soon as its answer's TTL has run out on its own clock. The wall-clock outage is
     * printed, not graded.
     */
    @Test
    void eu_clients_fail_over_to_us_east_once_checks_and_ttl_allow_and_return_when_eu_west_recovers() {
        assertThat(client.centre()).as("8.2: an EU client before the outage").isEqualTo("eu-west");
        steadyEuTraffic();
        await().atMost(ROOMY).until(() -> outcomes.size() >= 10);

        Topology euWest = site.centre(GlobalSite.EU_WEST);
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        for (WebServer server : euWest.web().servers()) {
            ports.put(server.name(), server.address().getPort());
        }
        long killedAt = now();
        ports.keySet().forEach(euWest.web()::kill);

        await("8.2: the checks take eu-west out after its web servers died (fall 2, a check every 100 ms)")
                .atMost(ROOMY)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    rethrowUnfinishedChecks();
                    return !site.isUp("eu-west");
                });
        long markedDown = now() - killedAt;
        assertThat(GeoClient.inEurope(site).lookUpCentre())
                .as("8.2: the centre DNS names for an EU client once the checks took eu-west out")
                .isEqualTo(GlobalSite.US_EAST);
        Outcome first = firstRequestPastTtl();
        assertThat(first.centre() + " " + first.status())
                .as("8.2: the first EU request once its cached answer (TTL %d s) expired", TTL_SECONDS)
                .isEqualTo("us-east 200");
        long settled = first.atMillis();
        await().pollDelay(Duration.ofMillis(1_000)).until(() -> true);
        List<Outcome> afterwards = between(settled, now());
        System.out.printf(
                "8.2: eu-west down → taken out by the checks after %d ms; EU requests failed until %d ms (wall clock)%n",
                markedDown,
                between(killedAt, settled).stream()
                                .filter(o -> o.status() != 200)
                                .mapToLong(Outcome::atMillis)
                                .max()
                                .orElse(killedAt)
                        - killedAt);
        assertThat(afterwards)
                .as("8.2: EU requests in the second after the failover")
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.centre() + " " + o.status())
                        .as("request at %d ms", o.atMillis())
                        .isEqualTo("us-east 200"));

        long restartedAt = now();
        ports.forEach(euWest.web()::restart);
        await("8.2: the checks bring eu-west back after its web servers restarted (rise 2)")
                .atMost(ROOMY)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> site.isUp("eu-west"));
        Outcome back = firstRequestPastTtl();
        System.out.printf("8.2: eu-west back → the checks let it in after %d ms%n", now() - restartedAt);
        assertThat(back.centre() + " " + back.status())
                .as("8.2: the first EU request once eu-west was back and the cached answer expired")
                .isEqualTo("eu-west 200");
        assertThat(between(restartedAt, now()))
                .as("8.2: EU requests while eu-west came back")
                .allSatisfy(o -> assertThat(o.status())
                        .as("status at %d ms", o.atMillis())
                        .isEqualTo(200));
    }
}
