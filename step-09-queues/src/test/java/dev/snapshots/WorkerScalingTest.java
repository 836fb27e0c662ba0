package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.StreamEntryID;

/**
 * More workers are only worth having if they work at the same time and share the jobs. This test
 * checks that without a stopwatch, so its verdict does not depend on how busy the machine is. First,
 * four idle workers must each be waiting for a job on the queue tier at the same moment (a blocked
 * {@code XREADGROUP} each): a lock or a connection shared by the workers lets only one wait at a
 * time. Then every job is held at the workers' hook (after the image work, before storing) until
 * four jobs are held there at once: four workers that really work in parallel get there at once;
 * one worker holding every job, or a lock that lets one job through at a time, never does. Last,
 * each of the four must have completed a fair share of the hundred jobs, and every job done once.
 */
@Tag("9.2")
@DisplayName("9.2 Four workers wait for jobs and work on them at the same time, and share 100 jobs fairly")
class WorkerScalingTest {

    /** Each direction of each database round trip (0.8 ms): what a job spends waiting on storage. */
    static final Duration STORAGE_LATENCY = Duration.ofNanos(800_000);

    private static final int WORKERS = 4;
    private static final int JOBS = 100;
    /** A fair share is 25 jobs each; a worker left out, or nearly, does fewer than this. */
    private static final int AT_LEAST_EACH = 10;
    /** How long the test waits for the four workers to wait, then to work, at the same moment. */
    private static final Duration GATHER_AT_MOST = Duration.ofSeconds(10);

    /**
     * Far above the test's own 30 s limit: no job is redelivered while it runs, however slow the
     * machine, so each job must be completed exactly once.
     */
    private static final Duration VISIBILITY = Duration.ofSeconds(60);

    /**
     * How long an idle worker waits for a job in one take: long beside the few round trips between
     * two takes, so the four idle workers are nearly always all waiting.
     */
    private static final Duration POLL = Duration.ofMillis(250);

    /** One small photo, made once: every job decodes and resizes it anew. */
    private static final byte[] PHOTO = TestImages.png(160, 120, 7);

    @Test
    void four_workers_wait_and_work_at_the_same_moment_and_share_a_hundred_jobs() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .queue(0, QueueSettings.defaults().visibilityTimeout(VISIBILITY).poll(POLL), STORAGE_LATENCY)
                .start()) {
            Gathering gathering = new Gathering();
            List<Worker> workers = new ArrayList<>();
            try {
                for (int i = 1; i <= WORKERS; i++) {
                    workers.add(topology.photoProcessing().workers().start("worker-" + i, gathering::hold));
                }
                // The queue is empty: each worker waits for a job on the queue tier, in a take.
                AtomicInteger waiting = new AtomicInteger();
                gather(topology, "4 idle workers each waiting for a job at the same moment", () -> {
                    waiting.accumulateAndGet(blockedClients(topology), Math::max);
                    return waiting.get() >= WORKERS;
                });
                assertThat(waiting.get())
                        .as(
                                "9.2: the most of %d idle workers waiting for a job on the queue tier at the same"
                                        + " moment (blocked in XREADGROUP), within %d s",
                                WORKERS, GATHER_AT_MOST.toSeconds())
                        .isEqualTo(WORKERS);

                List<String> ids = queueAtOnce(topology);
                gather(topology, "4 workers each holding a job at the same moment", () -> gathering.peak() >= WORKERS);
                assertThat(gathering.peak())
                        .as(
                                "9.2: the most jobs in progress at the same moment with %d workers, each job held"
                                        + " until %d were, within %d s; jobs completed by each so far: %s",
                                WORKERS, WORKERS, GATHER_AT_MOST.toSeconds(), completed(workers))
                        .isEqualTo(WORKERS);
                gathering.release();

                PhotoJobs.awaitDone(topology, ids, Duration.ofSeconds(15), "9.2");
                PhotoJobs.awaitAcknowledged(topology, "9.2: ");
                Map<String, Long> done = completed(workers);
                System.out.printf(
                        "9.2: %d jobs, %d workers: %d waiting at once, %d jobs in progress at once;"
                                + " jobs completed by each: %s%n",
                        JOBS, WORKERS, waiting.get(), gathering.peak(), done);
                for (String id : ids) {
                    assertThat(PhotoJobs.status(topology, id))
                            .as("9.2: photo %s", id)
                            .isEqualTo(PhotoStatus.READY);
                }
                assertThat(done.values())
                        .as(
                                "9.2: jobs completed by each of %d workers, of %d (each must do at least %d): %s",
                                WORKERS, JOBS, AT_LEAST_EACH, done)
                        .allMatch(n -> n >= AT_LEAST_EACH);
                assertThat(done.values().stream().mapToLong(Long::longValue).sum())
                        .as("9.2: jobs completed by the %d workers together, of %d: %s", WORKERS, JOBS, done)
                        .isEqualTo(JOBS);
            } finally {
                gathering.release(); // no worker stays held at the hook, whatever happened
                stopAll(topology, workers);
            }
        }
    }

    /** Waits, up to {@link #GATHER_AT_MOST}, until {@code gathered}; the assertion after it tells what was seen. */
    private static void gather(Topology topology, String what, Callable<Boolean> gathered) {
        try {
            await("9.2: " + what).atMost(GATHER_AT_MOST).until(() -> {
                topology.rethrowUnfinished();
                return gathered.call();
            });
        } catch (ConditionTimeoutException notGathered) {
            // The caller's assertion reports the figures.
        }
    }

    /**
     * Queues {@link #JOBS} photos as {@link PhotoJobs#queue} does, but publishes their jobs in one
     * transaction, as {@link JobQueue#publish} would one by one: they reach the stream at the same
     * moment, so a take that reads more than one job gets them all.
     */
    private static List<String> queueAtOnce(Topology topology) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String id = PhotoIntake.newId();
            topology.photoProcessing().storage().blobs().put(Photo.originalKey(id), PHOTO);
            topology.photoProcessing().storage().photoRepository().create(id, "image/png", PHOTO.length);
            ids.add(id);
        }
        try (AbstractTransaction publish =
                topology.photoProcessing().queue().jobQueue().redis().multi()) {
            for (String id : ids) {
                publish.xadd(JobQueue.STREAM, StreamEntryID.NEW_ENTRY, Map.of("photo", id));
            }
            publish.exec();
        }
        return ids;
    }

    /** Stops the workers all at once: each may take up to a poll to notice, or longer if it is stuck. */
    private static void stopAll(Topology topology, List<Worker> workers) {
        List<Thread> stopping = new ArrayList<>();
        for (Worker worker : workers) {
            Thread stopper =
                    new Thread(() -> topology.photoProcessing().workers().stop(worker), "stop-" + worker.name());
            stopper.start();
            stopping.add(stopper);
        }
        for (Thread stopper : stopping) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Clients of the queue tier blocked in a command that waits (here, the workers' XREADGROUP … BLOCK). */
    private static int blockedClients(Topology topology) {
        return topology.photoProcessing()
                .queue()
                .jobQueue()
                .redis()
                .info("clients")
                .lines()
                .filter(line -> line.startsWith("blocked_clients:"))
                .mapToInt(line -> Integer.parseInt(
                        line.substring("blocked_clients:".length()).trim()))
                .findFirst()
                .orElse(0);
    }

    private static Map<String, Long> completed(List<Worker> workers) {
        Map<String, Long> done = new LinkedHashMap<>();
        workers.forEach(worker -> done.put(worker.name(), worker.completed()));
        return done;
    }

    /**
     * The workers' hook: counts the jobs in progress at it at once, and holds each job until
     * {@link #WORKERS} are, or until released. Held there, a job is taken and not yet stored.
     */
    private static final class Gathering {
        private final AtomicInteger holding = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final CountDownLatch allThere = new CountDownLatch(1);

        void hold(Job job) throws InterruptedException {
            int now = holding.incrementAndGet();
            try {
                peak.accumulateAndGet(now, Math::max);
                if (now >= WORKERS) {
                    allThere.countDown();
                }
                // A safety net only: the test releases the gathering as soon as it stops waiting.
                allThere.await(60, TimeUnit.SECONDS);
            } finally {
                holding.decrementAndGet();
            }
        }

        void release() {
            allThere.countDown();
        }

        int peak() {
            return peak.get();
        }
    }
}
