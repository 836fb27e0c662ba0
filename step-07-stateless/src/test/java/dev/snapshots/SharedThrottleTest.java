package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.session.RedisFailureCounter;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Exercise 7.4: failed logins counted on the session tier, once for all web servers, exactly. */
@Tag("7.4")
@DisplayName("7.4 Failed logins are counted once for all web servers, atomically, in a window that does not slide")
class SharedThrottleTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static RedisClient redis;
    private static RedisFailureCounter counter;

    @BeforeAll
    static void start() {
        topology =
                TestTopology.withSessionTier(DNS).webServers(3).loadBalancer().start();
        // The counter's own client, with room for a slow machine: 40 threads share its 16 connections,
        // and this test proves atomic counting, not the session tier's SessionPolicy.TIMEOUT.
        redis = RedisClients.connect(
                "127.0.0.1",
                topology.sessionServer().port(),
                topology.sessionServer().password(),
                Duration.ofSeconds(10));
        counter = new RedisFailureCounter(redis);
    }

    @AfterAll
    static void stop() {
        redis.close();
        topology.close();
    }

    @Test
    void five_wrong_passwords_spread_over_three_servers_throttle_the_account() {
        String email = "guessed-" + System.nanoTime() + "@example.com";
        SiteClient attacker = new SiteClient(DNS);
        Nodes.signUp(attacker, email);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            SiteClient.Response guess = attacker.postJson(
                    "http://snapshots.test/api/login",
                    "{\"email\": \"%s\", \"password\": \"guess number %d\"}".formatted(email, i));
            statuses.put("guess " + i + " on " + guess.header(WebServer.SERVED_BY), guess.status());
            if (i == 6) {
                assertThat(guess.header("Retry-After"))
                        .as("7.4: Retry-After of %s", guess)
                        .isNotNull();
            }
        }

        assertThat(List.copyOf(statuses.values()))
                .as("7.4: six wrong passwords for one account, over three servers in turn: %s", statuses)
                .containsExactly(401, 401, 401, 401, 401, 429);
    }

    @Test
    void two_hundred_concurrent_failures_count_two_hundred() throws Exception {
        String key = "race-" + System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(40);
        List<Long> counts = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                results.add(threads.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        mine.add(counter.increment(key, Duration.ofMinutes(1)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Long>> result : results) {
                counts.addAll(result.get(20, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        Set<Long> distinct = new HashSet<>(counts);

        assertThat(counter.count(key))
                .as("7.4: the count after 40 threads counted 5 failures each")
                .isEqualTo(200);
        assertThat(distinct)
                .as("7.4: the counts 200 increments returned (each one once: 1 to 200)")
                .hasSize(200)
                .contains(1L, 200L);
    }

    @Test
    void a_window_starts_at_the_first_failure_and_later_failures_do_not_move_its_end() {
        Duration window = Duration.ofMillis(1_000);
        // A try whose last answer came later than a window after its first call may have seen the
        // window end (a busy machine paused it): it proves nothing either way and is tried again with
        // a new key. Only a try that ended within the window is judged.
        WindowTry judged = null;
        List<Long> overTheWindow = new ArrayList<>();
        for (int i = 0; i < 5 && judged == null; i++) {
            WindowTry attempt = tryWindow("window-" + System.nanoTime(), window);
            if (attempt.totalMillis() < window.toMillis()) {
                judged = attempt;
            } else {
                overTheWindow.add(attempt.totalMillis());
            }
        }
        assertThat(judged)
                .as(
                        "7.4: a try of two failures 400 ms apart that ended within the %d ms window (ms each try took: %s)",
                        window.toMillis(), overTheWindow)
                .isNotNull();
        WindowTry t = judged;
        assertThat(t.firstCount()).as("7.4: the first failure's count").isEqualTo(1);
        assertThat(t.leftAtFirst())
                .as("7.4: time left in a new %d ms window (zero: the count never expires)", window.toMillis())
                .isPositive()
                .isLessThanOrEqualTo(window);
        assertThat(t.secondCount()).as("7.4: the second failure's count").isEqualTo(2);
        assertThat(t.leftAfterSecondMillis())
                .as("7.4: ms left in the window %d ms after it started, just after a second failure", t.elapsedMillis())
                .isLessThanOrEqualTo(window.toMillis() - t.elapsedMillis() + 50);

        await("7.4: the count is gone once the window has ended")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> counter.count(t.key()) == 0);
        assertThat(counter.increment(t.key(), window))
                .as("7.4: the first failure of the next window")
                .isEqualTo(1);
    }

    /** What one try of a window saw, and how long it took from before its first call to its last answer. */
    private record WindowTry(
            String key,
            long firstCount,
            Duration leftAtFirst,
            long secondCount,
            long elapsedMillis,
            long leftAfterSecondMillis,
            long totalMillis) {}

    private static WindowTry tryWindow(String key, Duration window) {
        // The window begins after this: it cannot end before start + window.
        long start = System.nanoTime();
        long firstCount = counter.increment(key, window);
        // Timed from the first failure's answer, which comes after the window began: a slow machine
        // can only make the elapsed time below an under-count, never an over-count.
        long first = System.nanoTime();
        Duration leftAtFirst = counter.windowLeft(key);
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
        long secondCount = counter.increment(key, window);
        long elapsed = Duration.ofNanos(System.nanoTime() - first).toMillis();
        long leftAfterSecond = counter.windowLeft(key).toMillis();
        long total = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return new WindowTry(key, firstCount, leftAtFirst, secondCount, elapsed, leftAfterSecond, total);
    }

    @Test
    void each_key_has_its_own_count() {
        String account = "account:own-" + System.nanoTime() + "@example.com";
        String other = "account:other-" + System.nanoTime() + "@example.com";
        String address = "address:203.0.113." + (System.nanoTime() % 200);
        for (int i = 0; i < 3; i++) {
            counter.increment(account, Duration.ofMinutes(1));
        }

        assertThat(List.of(
                        counter.increment(other, Duration.ofMinutes(1)),
                        counter.increment(address, Duration.ofMinutes(1)),
                        counter.count(account)))
                .as("7.4: the first failure of another account, the first of an address, then the first"
                        + " account's count, after 3 failures of the first account (each key counts alone)")
                .containsExactly(1L, 1L, 3L);
    }

    /**
     * A count must never exist without its window, even for a moment: if the increment and the expiry
     * went in two commands, a web server that stopped between them would leave a count that never
     * resets. The test watches what the session tier is told ({@link RedisMonitor}): the command that
     * creates the count must set its window with it (a script, or inside {@code MULTI}).
     */
    @Test
    void a_new_count_and_its_window_are_written_in_one_step() throws IOException {
        String key = "monitored-" + System.nanoTime();
        try (RedisMonitor monitor = new RedisMonitor(topology.sessionServer())) {
            counter.increment(key, Duration.ofMinutes(1));
            String first = monitor.firstNaming("failures:" + key);

            assertThat(monitor.writesExpiryWith(first))
                    .as(
                            "7.4: the first command that wrote a new count, %s, does not set its window with it (a"
                                    + " failure before the next command leaves a count that never resets)",
                            first)
                    .isTrue();
        }
    }
}
