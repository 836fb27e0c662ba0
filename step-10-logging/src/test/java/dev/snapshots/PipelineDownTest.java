package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.LogSettings;
import dev.snapshots.logging.LogShipper;
import dev.snapshots.logging.RequestIds;
import dev.snapshots.redis.RedisClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("10.3")
@DisplayName(
        "10.3 With the log pipeline down, requests still succeed at once; the lines that do not fit are dropped and counted")
class PipelineDownTest {

    private static final int BUFFER = 50;
    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS)
                .webServers(2)
                .loadBalancer()
                .logs(LogSettings.defaults().withBuffer(BUFFER))
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
    void offering_lines_to_a_dead_pipeline_from_eight_threads_never_waits_and_counts_every_line_dropped()
            throws Exception {
        int threads = 8;
        int perThread = 2_000;
        LogShipper shipper = new LogShipper(
                "test",
                RedisClients.connect("127.0.0.1", deadPort(), "no-such-password", Duration.ofMillis(200)),
                LogSettings.defaults().withBuffer(100));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> offers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                offers.add(pool.submit(() -> {
                    int[] takenAndRefused = new int[2];
                    for (int i = 0; i < perThread; i++) {
                        boolean taken = shipper.offer("{\"message\":\"line " + i + " of thread " + thread + "\"}");
                        takenAndRefused[taken ? 0 : 1]++;
                    }
                    return takenAndRefused;
                }));
            }
            int taken = 0;
            int refused = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Future<int[]> offer : offers) {
                int[] counts;
                try {
                    counts = offer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException waited) {
                    throw new AssertionError("10.3: " + threads + " threads offering " + perThread
                            + " lines each to a shipper whose pipeline is down had not finished after 5 s:"
                            + " offer waited for room instead of dropping the line");
                }
                taken += counts[0];
                refused += counts[1];
            }
            assertThat(taken)
                    .as(
                            "10.3: lines taken by a shipper whose buffer holds 100 (plus at most one batch in hand),"
                                    + " its pipeline down, out of %d offered",
                            threads * perThread)
                    .isBetween(1, 200);
            assertThat(shipper.dropped())
                    .as(
                            "10.3: lines counted as dropped, against the %d offers that returned false (%d taken)",
                            refused, taken)
                    .isEqualTo(refused);
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new AssertionError("10.3: offer threw instead of dropping the line: " + failed.getCause(), failed);
        } finally {
            pool.shutdownNow();
            shipper.close();
        }
    }

    @Test
    void an_interrupted_thread_still_hands_its_lines_over_without_waiting() throws IOException {
        // A request thread may be interrupted (its client gone, a time-out): its lines matter most then.
        // offer that never waits takes no notice; one that waits for room, even briefly, gives up at once.
        LogShipper shipper = new LogShipper(
                "interrupted",
                RedisClients.connect("127.0.0.1", deadPort(), "no-such-password", Duration.ofMillis(200)),
                LogSettings.defaults().withBuffer(100));
        int offers = 300;
        int taken = 0;
        int refused = 0;
        int firstRefused = -1;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            for (int i = 0; i < offers; i++) {
                if (shipper.offer("{\"message\":\"line " + i + " of an interrupted thread\"}")) {
                    taken++;
                } else {
                    refused++;
                    if (firstRefused < 0) {
                        firstRefused = i;
                    }
                }
            }
        } catch (RuntimeException thrown) {
            throw new AssertionError(
                    "10.3: offer threw on an interrupted thread instead of taking the line: " + thrown);
        } finally {
            stillInterrupted = Thread.interrupted();
            shipper.close();
        }
        assertThat(firstRefused < 0 || firstRefused >= 100)
                .as(
                        "10.3: of %d lines offered by an interrupted thread to an empty buffer of 100, line %d was"
                                + " the first refused (%d taken, %d refused): offer waited for room and gave up",
                        offers, firstRefused, taken, refused)
                .isTrue();
        assertThat(taken)
                .as(
                        "10.3: lines taken of %d offered by an interrupted thread to a buffer of 100, pipeline down",
                        offers)
                .isBetween(100, 200);
        assertThat(shipper.dropped())
                .as("10.3: lines counted as dropped, against the %d offers that returned false", refused)
                .isEqualTo(refused);
        assertThat(stillInterrupted)
                .as("10.3: the thread's interrupt, after offering: kept for the code that logged")
                .isTrue();
    }

    @Test
    void with_the_pipeline_down_requests_succeed_at_normal_speed_and_dropped_lines_are_counted() {
        long[] before = timeRequests(30);
        topology.tier(LogPipeline.class).server().stop();
        try {
            long[] during = timeRequests(3 * BUFFER);
            long p90Before = percentile(before, 0.9);
            long p90During = percentile(during, 0.9);
            assertThat(p90During)
                    .as(
                            "10.3: p90 of %d requests with the log pipeline down, in ms (%d ms with it up; all: %s)",
                            during.length, p90Before, Arrays.toString(during))
                    .isLessThanOrEqualTo(Math.max(3 * p90Before, p90Before + 50));
            assertThat(topology.tier(LogPipeline.class).dropped())
                    .as(
                            "10.3: lines dropped by the servers' shippers, their buffers of %d lines full, after %d"
                                    + " requests",
                            BUFFER, during.length)
                    .isPositive();
        } finally {
            topology.tier(LogPipeline.class).server().start();
        }
        // Back up: once the shippers have sent what they held, new lines flow again, nobody restarted.
        Set<String> madeSince = ConcurrentHashMap.newKeySet();
        await("10.3: a line of a request made after the pipeline was back, in the store")
                .atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    madeSince.add(
                            client.get("http://snapshots.test/api/users/424242").header(RequestIds.HEADER));
                    return topology.tier(LogPipeline.class).store().all().stream()
                            .anyMatch(line -> line.requestId() != null && madeSince.contains(line.requestId()));
                });
    }

    /** Times {@code count} reads through the balancer, each answered (404: no such user); in ms. */
    private static long[] timeRequests(int count) {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            SiteClient.Response response = client.get("http://snapshots.test/api/users/" + (90_000 + i));
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.status())
                    .as(
                            "10.3: request %d of %d, the log pipeline %s: %s",
                            i + 1,
                            count,
                            topology.tier(LogPipeline.class).server().isRunning() ? "up" : "down",
                            response)
                    .isEqualTo(404);
        }
        return millis;
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
