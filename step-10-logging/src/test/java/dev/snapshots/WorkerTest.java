package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.queue.Delivery;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

@DisplayName(
        "Carried from step 09 · Workers take each job once, and a job leaves the queue only when its thumbnails are stored")
// In a thread of its own: a take that waits on Redis for ever (BLOCK 0) cannot be interrupted, so
// only a test run beside it can end at its limit and report it.
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerTest {

    /**
     * Far above a test's own 30 s limit: however slow the machine, no job is redelivered while a test
     * runs, so a job worked on twice here was handed to two workers, not given back after a timeout.
     */
    private static final Duration VISIBILITY = Duration.ofSeconds(60);

    private static DnsRegistry dns;
    private static Topology topology;

    @BeforeAll
    static void start() {
        dns = new DnsRegistry();
        topology = TestTopology.builder(dns)
                .queue(
                        0,
                        QueueSettings.defaults().visibilityTimeout(VISIBILITY).poll(Duration.ofMillis(100)),
                        Duration.ZERO)
                .start();
    }

    /** A fresh queue for each test: jobs another test left behind (one that failed) are not this test's. */
    @BeforeEach
    void freshQueue() {
        topology.tier(PhotoProcessing.class).queue().jobQueue().redis().del(JobQueue.STREAM);
        new JobQueue(topology.tier(PhotoProcessing.class).queue().jobQueue().redis());
    }

    @AfterEach
    void stopWorkers() {
        topology.tier(PhotoProcessing.class)
                .workers()
                .running()
                .forEach(topology.tier(PhotoProcessing.class).workers()::stop);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void a_job_taken_is_given_to_one_consumer_and_stays_pending_until_acknowledged() {
        Delivery delivery = new Delivery(
                topology.tier(PhotoProcessing.class).queue().jobQueue().redis());
        String id = topology.tier(PhotoProcessing.class).queue().jobQueue().publish("photo-for-9-2");
        Job job = delivery.take("worker-x", Duration.ofMillis(200))
                .orElseThrow(() -> new AssertionError("take found nothing, with one job in the stream"));
        assertThat(job).as("the job taken").isEqualTo(new Job(id, "photo-for-9-2", 1));
        assertThat(delivery.take("worker-y", Duration.ofMillis(50)))
                .as("a second worker's take, the only job already taken")
                .isEmpty();
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().inFlight())
                .as("jobs pending, taken and not acknowledged")
                .isEqualTo(1);
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                .as("jobs in the stream before the ack")
                .isEqualTo(1);
        delivery.ack(job);
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().inFlight())
                .as("jobs pending after the ack")
                .isZero();
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                .as("jobs in the stream after the ack")
                .isZero();
    }

    @Test
    void jobs_wait_for_a_worker_then_one_worker_makes_every_thumbnail_and_empties_the_queue() {
        List<String> ids = PhotoJobs.queue(topology, 20, 320, 240, 1);
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                .as("jobs waiting with no worker")
                .isEqualTo(20);

        Worker worker = topology.tier(PhotoProcessing.class).workers().start("worker-1");
        PhotoJobs.awaitDone(topology, ids, Duration.ofSeconds(15), "9.2");

        for (String id : ids) {
            assertThat(PhotoJobs.status(topology, id)).as("photo %s", id).isEqualTo(PhotoStatus.READY);
            assertThat(topology.tier(PhotoProcessing.class)
                            .storage()
                            .photoRepository()
                            .thumbnailsOf(id))
                    .as("thumbnails recorded for %s", id)
                    .hasSize(2);
        }
        // Decoded, each thumbnail really is smaller: its longest side is its size.
        byte[] small = topology.tier(PhotoProcessing.class)
                .storage()
                .blobs()
                .get(Photo.thumbnailKey(ids.get(0), 64))
                .orElseThrow();
        byte[] large = topology.tier(PhotoProcessing.class)
                .storage()
                .blobs()
                .get(Photo.thumbnailKey(ids.get(0), 256))
                .orElseThrow();
        assertThat(TestImages.size(small))
                .as("the 64 px thumbnail of a 320 × 240 photo")
                .containsExactly(64, 48);
        assertThat(TestImages.size(large)).as("the 256 px thumbnail").containsExactly(256, 192);

        PhotoJobs.awaitAcknowledged(topology, "");
        // A worker counts a job just after acknowledging it.
        await("the worker counting the 20 jobs it finished")
                .atMost(Duration.ofSeconds(10))
                .until(() -> worker.completed() >= 20);
        assertThat(worker.completed()).as("jobs the worker completed").isEqualTo(20);
    }

    @Test
    void four_workers_share_the_jobs_and_no_job_is_done_twice_or_comes_back() {
        Map<String, AtomicInteger> worked = new ConcurrentHashMap<>();
        Worker.Hook count = job ->
                worked.computeIfAbsent(job.photoId(), id -> new AtomicInteger()).incrementAndGet();
        List<Worker> workers = List.of(
                topology.tier(PhotoProcessing.class).workers().start("worker-a", count),
                topology.tier(PhotoProcessing.class).workers().start("worker-b", count),
                topology.tier(PhotoProcessing.class).workers().start("worker-c", count),
                topology.tier(PhotoProcessing.class).workers().start("worker-d", count));
        List<String> ids = PhotoJobs.queue(topology, 40, 160, 120, 100);
        PhotoJobs.awaitDone(topology, ids, Duration.ofSeconds(15), "9.2");

        // Nothing pending and nothing in the stream: no job can come back (a photo is ready just before
        // its job is acknowledged, so this is awaited).
        PhotoJobs.awaitAcknowledged(topology, "");
        // At least once, and here exactly once: one result per job, and (no redelivery being possible
        // within VISIBILITY) one worker per job.
        for (String id : ids) {
            assertThat(PhotoJobs.status(topology, id)).as("photo %s", id).isEqualTo(PhotoStatus.READY);
            assertThat(topology.tier(PhotoProcessing.class)
                            .storage()
                            .photoRepository()
                            .thumbnailsOf(id))
                    .as("thumbnail rows of %s", id)
                    .hasSize(2);
            assertThat(PhotoJobs.thumbnailBlobs(topology, id))
                    .as("thumbnail blobs of %s", id)
                    .hasSize(2);
        }
        Map<String, Integer> times = new java.util.TreeMap<>();
        worked.forEach((id, n) -> times.put(id, n.get()));
        assertThat(times.values())
                .as(
                        "times each of the 40 jobs was worked on by 4 workers (each must be 1: none can"
                                + " be redelivered within the 60 s visibility timeout): %s",
                        times)
                .hasSize(40)
                .allMatch(n -> n == 1);
        long completed = workers.stream().mapToLong(Worker::completed).sum();
        assertThat(completed).as("jobs completed by the 4 workers together").isEqualTo(40);
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                .as("jobs left in the stream")
                .isZero();
        assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().inFlight())
                .as("jobs still pending in the group")
                .isZero();
    }

    @Test
    void ack_finishes_a_job_in_one_transaction() throws Exception {
        try (RedisServer server = RedisServer.startTemporary(QueueSettings.redisSettings());
                RedisClient redis =
                        RedisClients.connect("127.0.0.1", server.port(), server.password(), Duration.ofSeconds(10));
                RedisMonitor monitor = new RedisMonitor(server)) {
            JobQueue queue = new JobQueue(redis);
            queue.publish("photo-for-9-2");
            Delivery delivery = new Delivery(redis);
            Job job = delivery.take("worker-x", Duration.ofSeconds(2))
                    .orElseThrow(() -> new AssertionError("take found no job, one published"));
            delivery.ack(job);

            monitor.catchUp(redis);
            String xack = monitor.firstNaming("\"XACK\"");
            String xdel = monitor.firstNaming("\"XDEL\"");
            assertThat(xack)
                    .as("9.2: the ack's XACK (none sent: the job stays pending and comes back)")
                    .isNotNull();
            assertThat(xdel)
                    .as("9.2: the ack's XDEL (none sent: the job stays in the stream, counted in the depth)")
                    .isNotNull();
            assertThat(List.of(monitor.inTransaction(xack), monitor.inTransaction(xdel)))
                    .as(
                            "XACK and XDEL of an ack, each inside MULTI … EXEC (a worker killed between two"
                                    + " separate commands leaves a job acknowledged but counted, or deleted but"
                                    + " pending): %s, then %s",
                            xack, xdel)
                    .containsExactly(true, true);
            assertThat(List.of(queue.depth(), queue.inFlight()))
                    .as("depth and jobs in flight after the ack")
                    .containsExactly(0L, 0L);
        }
    }
}
