package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.queue.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Timed, so it runs alone: another test class's load on the two cores would blur the ratio. */
@Isolated
@Tag("9.2")
@DisplayName("9.2 Four workers drain 100 jobs at least 3× faster than one")
class WorkerScalingTest {

    /** Each direction of each database round trip (0.8 ms): what a job spends waiting on storage. */
    static final Duration STORAGE_LATENCY = Duration.ofNanos(800_000);

    /** One small photo, made once: every job decodes and resizes it anew. */
    private static final byte[] PHOTO = TestImages.png(160, 120, 7);

    @Test
    void four_workers_drain_a_hundred_jobs_at_least_three_times_faster_than_one() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .queue(0, QueueSettings.defaults().poll(Duration.ofMillis(50)), STORAGE_LATENCY)
                .start()) {
            // Warm-up: the first jobs pay for class loading and the JIT, not for the queue.
            drain(topology, 4, 8, 0);
            long one = drain(topology, 1, 100, 1_000);
            long four = drain(topology, 4, 100, 2_000);
            double ratio = (double) one / four;
            System.out.printf("9.2: 100 jobs: 1 worker %d ms, 4 workers %d ms: %.1f× faster%n", one, four, ratio);
            assertThat(ratio)
                    .as("9.2: 1 worker took %d ms, 4 workers %d ms for 100 jobs: 4 must be ≥ 3× faster", one, four)
                    .isGreaterThanOrEqualTo(3.0);
        }
    }

    /** Queues {@code jobs} photos, starts {@code count} workers, and times them until all are ready. */
    private static long drain(Topology topology, int count, int jobs, long seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(PhotoJobs.queue(topology, PHOTO));
        }
        long start = System.nanoTime();
        List<Worker> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            workers.add(topology.startWorker("worker-" + seed + "-" + i));
        }
        PhotoJobs.awaitDone(topology, ids, Duration.ofSeconds(15), "9.2");
        long millis = (System.nanoTime() - start) / 1_000_000;
        workers.forEach(topology::stopWorker);
        return millis;
    }
}
