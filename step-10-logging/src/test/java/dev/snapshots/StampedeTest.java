package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Carried from step 05 · Many concurrent misses on one key cost one database read")
class StampedeTest {

    @Test
    void fifty_concurrent_first_reads_of_one_user_cost_one_database_query() throws Exception {
        DnsRegistry dns = new DnsRegistry();
        // One web server: each web server coalesces its own misses (3 servers: at most 3 loads).
        try (Topology topology = TestTopology.builder(dns)
                .webServers(1)
                .loadBalancer()
                .replicas(1)
                .cache(Duration.ofSeconds(60))
                .start()) {
            var created = Nodes.signUp(new SiteClient(dns), "popular@example.com");
            String user = "http://snapshots.test" + created.header("Location");
            topology.data().awaitReplication();
            long before = topology.data().reads();

            CyclicBarrier together = new CyclicBarrier(50);
            ExecutorService readers = Executors.newFixedThreadPool(50);
            List<Future<Integer>> statuses = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    SiteClient own = new SiteClient(dns);
                    statuses.add(readers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return own.get(user).status();
                    }));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get(20, TimeUnit.SECONDS))
                            .as("a concurrent first read")
                            .isEqualTo(200);
                }
            } finally {
                readers.shutdownNow();
            }

            assertThat(topology.data().reads() - before)
                    .as("database queries for 50 concurrent first reads of one user")
                    .isEqualTo(1);
        }
    }
}
