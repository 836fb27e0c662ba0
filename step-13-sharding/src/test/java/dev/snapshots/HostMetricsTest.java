package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.HostMetrics;
import dev.snapshots.metrics.Samples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
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
                topology.loadBalancer().address(), topology.webServers().get(0).address())) {
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
}
