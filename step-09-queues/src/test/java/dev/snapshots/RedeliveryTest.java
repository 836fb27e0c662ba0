package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.queue.Redelivery;
import dev.snapshots.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

@Tag("9.3")
@DisplayName("9.3 A job held past its visibility timeout goes to another worker; a killed worker loses nothing")
class RedeliveryTest {

    private static final Duration VISIBILITY = Duration.ofMillis(400);

    private static DnsRegistry dns;
    private static Topology topology;

    @BeforeAll
    static void start() {
        dns = new DnsRegistry();
        topology = TestTopology.builder(dns)
                .queue(
                        0,
                        QueueSettings.defaults().visibilityTimeout(VISIBILITY).poll(Duration.ofMillis(50)),
                        Duration.ZERO)
                .start();
    }

    /** A fresh queue for each test: a job another test left behind (one that failed) is not this test's. */
    @BeforeEach
    void freshQueue() {
        topology.photoProcessing().queue().jobQueue().redis().del(JobQueue.STREAM);
        new JobQueue(topology.photoProcessing().queue().jobQueue().redis());
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void a_job_is_claimed_only_once_its_holder_kept_it_past_the_visibility_timeout_and_counts_each_delivery() {
        RedisClient redis = topology.photoProcessing().queue().jobQueue().redis();
        String id = topology.photoProcessing().queue().jobQueue().publish("photo-for-9-3");
        Redelivery redelivery = new Redelivery(redis, VISIBILITY);
        // Times are measured from just before the take (or the claim) that starts a job's idle time, so
        // each one is at least the job's idle time on the queue tier, however slow the machine: a claim
        // seen sooner than the timeout is certainly too early, and a right one is never seen too early.
        long beforeTake = System.nanoTime();
        takeAs(redis, "worker-that-dies");

        Optional<Job> atOnce = redelivery.claimStale("worker-b");
        long sinceTake = millisSince(beforeTake);
        if (sinceTake < VISIBILITY.toMillis()) { // else the machine was so slow that the job was due
            assertThat(atOnce)
                    .as(
                            "9.3: claimed at once (%d ms after it was taken), while its holder may still be"
                                    + " working on it",
                            sinceTake)
                    .isEmpty();
        }
        AtomicLong beforeClaim = new AtomicLong(beforeTake);
        Job first = atOnce.orElseGet(() -> {
            long idle = awaitDue(redis, id);
            beforeClaim.set(System.nanoTime());
            return redelivery
                    .claimStale("worker-b")
                    .orElseThrow(() -> new AssertionError(String.format(
                            "9.3: worker-b claimed nothing, with the job idle for %d ms on the queue tier"
                                    + " (visibility timeout 400 ms)",
                            idle)));
        });
        long heldMillis = millisSince(beforeTake);
        assertThat(heldMillis)
                .as("9.3: ms the job was held before it was claimed (visibility timeout 400 ms)")
                .isGreaterThanOrEqualTo(380);
        assertThat(first.id()).as("9.3: the claimed job's id").isEqualTo(id);
        assertThat(first.photoId()).as("9.3: the claimed job's photo").isEqualTo("photo-for-9-3");
        assertThat(first.deliveries())
                .as("9.3: deliveries of a job taken once, then claimed")
                .isEqualTo(2);

        Optional<Job> again = redelivery.claimStale("worker-c");
        long sinceClaim = millisSince(beforeClaim.get());
        if (sinceClaim < VISIBILITY.toMillis()) {
            assertThat(again)
                    .as("9.3: claimed again at once (%d ms after worker-b got it)", sinceClaim)
                    .isEmpty();
        }
        Job second = again.orElseGet(() -> {
            long idle = awaitDue(redis, id);
            return redelivery
                    .claimStale("worker-c")
                    .orElseThrow(() -> new AssertionError(String.format(
                            "9.3: worker-c claimed nothing, with the job held by worker-b and idle for %d ms on"
                                    + " the queue tier (visibility timeout 400 ms)",
                            idle)));
        });
        assertThat(second.deliveries())
                .as("9.3: deliveries after a second claim")
                .isEqualTo(3);

        redis.xack(JobQueue.STREAM, JobQueue.GROUP, new StreamEntryID(id));
        redis.xdel(JobQueue.STREAM, new StreamEntryID(id));
        await().pollDelay(VISIBILITY.plusMillis(100)).until(() -> true);
        assertThat(redelivery.claimStale("worker-d"))
                .as("9.3: an acknowledged job claimed again")
                .isEmpty();
    }

    @Test
    void a_worker_killed_in_the_middle_of_a_job_loses_nothing_the_job_completes_elsewhere_once() throws Exception {
        CountDownLatch inTheMiddle = new CountDownLatch(1);
        Worker doomed = topology.photoProcessing().workers().start("worker-doomed", job -> {
            inTheMiddle.countDown();
            new CountDownLatch(1).await(); // until killed
        });
        String id = PhotoJobs.queue(topology, TestImages.png(320, 240, 42));
        await("9.3: worker-doomed in the middle of the job")
                .atMost(Duration.ofSeconds(15))
                .until(() -> {
                    topology.rethrowUnfinished();
                    return inTheMiddle.getCount() == 0;
                });
        topology.photoProcessing().workers().kill(doomed);

        Worker rescuer = topology.photoProcessing().workers().start("worker-rescuer");
        try {
            PhotoJobs.awaitDone(topology, List.of(id), Duration.ofSeconds(15), "9.3");
            assertThat(PhotoJobs.status(topology, id))
                    .as("9.3: the photo after its worker was killed")
                    .hasToString("READY");
            assertThat(topology.photoProcessing().storage().photoRepository().thumbnailsOf(id))
                    .as("9.3: thumbnails recorded")
                    .hasSize(2);
            assertThat(PhotoJobs.thumbnailBlobs(topology, id))
                    .as("9.3: thumbnail blobs")
                    .hasSize(2);
            // A worker counts a job once it is acknowledged, just after its photo is ready.
            await("9.3: the rescuer counting the job it finished")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> rescuer.completed() >= 1);
            assertThat(rescuer.completed())
                    .as("9.3: jobs the rescuer completed")
                    .isEqualTo(1);
            await("9.3: nothing left in the queue")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> topology.photoProcessing().queue().jobQueue().depth() == 0
                            && topology.photoProcessing().queue().jobQueue().inFlight() == 0);
            assertThat(topology.photoProcessing().queue().jobQueue().deadLetters())
                    .as("9.3: dead letters")
                    .isEmpty();
        } finally {
            topology.photoProcessing().workers().stop(rescuer);
        }
    }

    @Test
    void idle_workers_claiming_at_the_same_moment_take_each_stale_job_once() throws Exception {
        RedisClient redis = topology.photoProcessing().queue().jobQueue().redis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            topology.photoProcessing().queue().jobQueue().publish("photo-" + i);
            ids.add(takeAs(redis, "worker-that-dies"));
        }
        // Stale by a minute on the queue tier's own clock (XCLAIM … IDLE), against a timeout of 5 s: a job
        // claimed now is not due again before the round is over, however slow the machine.
        redis.xclaim(
                JobQueue.STREAM,
                JobQueue.GROUP,
                "worker-that-dies",
                0,
                XClaimParams.xClaimParams().idle(60_000),
                ids.stream().map(StreamEntryID::new).toArray(StreamEntryID[]::new));
        Redelivery redelivery = new Redelivery(redis, Duration.ofSeconds(5));

        int threads = 8;
        Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String consumer = "claimer-" + t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) { // 10 jobs: at most 10 claims, then nothing
                        Optional<Job> job = redelivery.claimStale(consumer);
                        if (job.isEmpty()) {
                            break;
                        }
                        claims.computeIfAbsent(job.get().id(), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> counted = new TreeMap<>();
        ids.forEach(
                id -> counted.put(id, claims.containsKey(id) ? claims.get(id).get() : 0));
        assertThat(counted)
                .as(
                        "9.3: claims of each of 10 stale jobs by %d idle workers claiming at the same moment"
                                + " (a job claimed is not due again for 5 s): each exactly once",
                        threads)
                .allSatisfy((id, count) ->
                        assertThat(count).as("9.3: claims of job %s", id).isEqualTo(1));
    }

    @Test
    void a_pending_entry_deleted_from_the_stream_is_nothing_to_claim() {
        RedisClient redis = topology.photoProcessing().queue().jobQueue().redis();
        topology.photoProcessing().queue().jobQueue().publish("photo-alive");
        String alive = takeAs(redis, "worker-that-dies");
        topology.photoProcessing().queue().jobQueue().publish("photo-deleted");
        String deleted = takeAs(redis, "worker-that-dies");
        // Both stale by a minute on the queue tier's own clock (XCLAIM … IDLE), against a timeout of 5 s: the
        // job claimed first is not due again before the second claim, however slow the machine.
        redis.xclaim(
                JobQueue.STREAM,
                JobQueue.GROUP,
                "worker-that-dies",
                0,
                XClaimParams.xClaimParams().idle(60_000),
                new StreamEntryID(alive),
                new StreamEntryID(deleted));
        // Then one is finished half-way: deleted from the stream, never acknowledged (still pending).
        redis.xdel(JobQueue.STREAM, new StreamEntryID(deleted));
        Redelivery redelivery = new Redelivery(redis, Duration.ofSeconds(5));

        Optional<Job> first = redelivery.claimStale("worker-b");
        assertThat(first.map(Job::id))
                .as("9.3: the first claim, the stale job still in the stream before the deleted one")
                .contains(alive);
        AtomicReference<Optional<Job>> second = new AtomicReference<>();
        assertThatCode(() -> second.set(redelivery.claimStale("worker-b")))
                .as("9.3: claiming when the only other stale entry was deleted from the stream (Redis 6.2"
                        + " answers it as a null)")
                .doesNotThrowAnyException();
        assertThat(second.get())
                .as("9.3: the job claimed when its entry was deleted from the stream")
                .isEmpty();
    }

    /**
     * Waits until the queue tier itself (XPENDING, the clock a claim's minimum idle time is compared
     * with) says the job has been idle for the visibility timeout: from then on a claim must get it,
     * so a claim that never comes fails at once instead of at a time-out. Returns that idle time.
     */
    private static long awaitDue(RedisClient redis, String id) {
        StreamEntryID entry = new StreamEntryID(id);
        AtomicLong idle = new AtomicLong(-1);
        await("9.3: the job idle for 400 ms on the queue tier")
                .atMost(Duration.ofSeconds(15))
                .until(() -> {
                    List<StreamPendingEntry> pending =
                            redis.xpending(JobQueue.STREAM, JobQueue.GROUP, new XPendingParams(entry, entry, 1));
                    if (pending.isEmpty()) {
                        throw new AssertionError("9.3: job " + id
                                + ", taken and never acknowledged by the test, is no longer pending in the group");
                    }
                    idle.set(pending.get(0).getIdleTime());
                    return idle.get() >= VISIBILITY.toMillis();
                });
        return idle.get();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** What a worker's take does, by hand: the entry becomes pending, held by {@code consumer}. */
    static String takeAs(RedisClient redis, String consumer) {
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                JobQueue.GROUP,
                consumer,
                XReadGroupParams.xReadGroupParams().count(1),
                Map.of(JobQueue.STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        return read.get(0).getValue().get(0).getID().toString();
    }
}
