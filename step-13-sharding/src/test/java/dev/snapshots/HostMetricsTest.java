package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.HostMetrics;
import dev.snapshots.metrics.Samples;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 11 · Every server reports its JVM and host: memory, GC, threads, classes, CPU and uptime")
class HostMetricsTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).webServers(1).loadBalancer().start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void the_balancer_and_the_web_server_report_the_jvm_and_the_host() {
        System.gc(); // so that the GC's series have something to say
        for (InetSocketAddress server : List.of(
                topology.loadBalancer().address(),
                topology.web().servers().get(0).address())) {
            Samples samples = MetricsClient.scrape(server, topology.metricsToken());
            assertThat(samples.sum("jvm_memory_used_bytes", Map.of("area", "heap")))
                    .as("jvm_memory_used_bytes{area=\"heap\"} on %s", server)
                    .isPositive();
            assertThat(samples.sum("jvm_memory_max_bytes", Map.of()))
                    .as("jvm_memory_max_bytes on %s", server)
                    .isNotZero();
            assertThat(samples.sum("jvm_threads_live_threads", Map.of()))
                    .as("jvm_threads_live_threads on %s", server)
                    .isPositive();
            assertThat(samples.sum("jvm_classes_loaded_classes", Map.of()))
                    .as("jvm_classes_loaded_classes on %s", server)
                    .isPositive();
            assertThat(samples.matching("jvm_gc_memory_allocated_bytes_total", Map.of()))
                    .as("jvm_gc_memory_allocated_bytes_total on %s", server)
                    .isNotEmpty();
            assertThat(samples.sum("system_cpu_count", Map.of()))
                    .as("system_cpu_count on %s", server)
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(samples.matching("process_cpu_usage", Map.of()))
                    .as("process_cpu_usage on %s", server)
                    .isNotEmpty();
            assertThat(samples.sum("process_uptime_seconds", Map.of()))
                    .as("process_uptime_seconds on %s", server)
                    .isPositive();
        }
    }

    @Test
    void what_is_bound_is_bound_to_the_registry_given() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AutoCloseable bound = HostMetrics.bind(registry);
        assertThat(registry.find("jvm.threads.live").gauge())
                .as("jvm.threads.live in the registry given to bind")
                .isNotNull();
        assertThat(registry.find("jvm.gc.memory.allocated").counter())
                .as("jvm.gc.memory.allocated in the registry given to bind")
                .isNotNull();
        bound.close();
        registry.close();
    }

    @Test
    void closing_what_bind_returns_stops_the_gc_meters() throws Exception {
        // Two registries bound at once; the first one's binders are closed, the second, left open, shows when
        // a collection has been reported: after two that it saw, the closed one must have seen neither.
        SimpleMeterRegistry closed = new SimpleMeterRegistry();
        SimpleMeterRegistry witness = new SimpleMeterRegistry();
        AutoCloseable toClose = HostMetrics.bind(closed);
        AutoCloseable open = HostMetrics.bind(witness);
        boolean stillOpen = true;
        try {
            assertThat(closed.find("jvm.gc.memory.allocated").meter())
                    .as("11.3: jvm.gc.memory.allocated in the registry given to bind")
                    .isNotNull();
            System.gc();
            await("11.3: a collection reported to both registries while both are bound")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> gcPauses(closed) > 0 && gcPauses(witness) > 0);
            toClose.close();
            stillOpen = false;
            long closedBefore = gcPauses(closed);
            for (int collection = 0; collection < 2; collection++) {
                long seen = gcPauses(witness);
                System.gc();
                await("11.3: a collection reported to the registry still bound")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> gcPauses(witness) > seen);
            }
            assertThat(gcPauses(closed))
                    .as(
                            "11.3: GC pauses counted by a registry after what bind returned was closed (%d before two"
                                    + " more collections; the GC's listener was never removed?)",
                            closedBefore)
                    .isEqualTo(closedBefore);
        } finally {
            if (stillOpen) {
                toClose.close();
            }
            open.close();
            closed.close();
            witness.close();
        }
    }

    private static long gcPauses(MeterRegistry registry) {
        return registry.find("jvm.gc.pause").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }
}
