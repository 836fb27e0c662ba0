package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.PoisonJobs;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.worker.Worker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

@Tag("9.5")
@DisplayName("9.5 A job that fails its 3 tries goes to the dead-letter queue with its error, and its photo says failed")
class PoisonJobTest {

    @Test
    void a_job_out_of_tries_is_buried_once_with_its_last_error_and_one_with_tries_left_is_untouched() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns).queue(0).start()) {
            var redis = topology.photoProcessing().queue().jobQueue().redis();
            String photo = PhotoJobs.queue(topology, TestImages.png(32, 32, 5));
            String id = RedeliveryTest.takeAs(redis, "worker-x");
            Job third = new Job(id, photo, 3);
            topology.photoProcessing().queue().jobQueue().recordError(third, "the file could not be read as an image");
            PoisonJobs poison =
                    new PoisonJobs(redis, topology.photoProcessing().storage().photoRepository(), 3);

            assertThat(poison.buryIfExhausted(third))
                    .as("9.5: buried on its 3rd delivery of 3 allowed")
                    .isFalse();
            assertThat(topology.photoProcessing().queue().jobQueue().deadLetters())
                    .as("9.5: dead letters after the 3rd delivery")
                    .isEmpty();
            assertThat(topology.photoProcessing().queue().jobQueue().inFlight())
                    .as("9.5: the job still pending")
                    .isEqualTo(1);
            assertThat(PhotoJobs.status(topology, photo)).as("9.5: the photo").isEqualTo(PhotoStatus.QUEUED);

            assertThat(poison.buryIfExhausted(new Job(id, photo, 4)))
                    .as("9.5: buried on its 4th delivery")
                    .isTrue();
            assertThat(topology.photoProcessing().queue().jobQueue().deadLetters())
                    .as("9.5: the dead-letter queue")
                    .containsExactly(Map.of(
                            "job",
                            id,
                            "photo",
                            photo,
                            "attempts",
                            "3",
                            "error",
                            "the file could not be read as an image"));
            var failed = topology.photoProcessing()
                    .storage()
                    .photoRepository()
                    .find(photo)
                    .orElseThrow();
            assertThat(failed.status()).as("9.5: the photo's status").isEqualTo(PhotoStatus.FAILED);
            assertThat(failed.error()).as("9.5: the photo's error").isEqualTo("the file could not be read as an image");
            assertThat(topology.photoProcessing().queue().jobQueue().inFlight())
                    .as("9.5: the job pending after burial")
                    .isZero();
            assertThat(topology.photoProcessing().queue().jobQueue().depth())
                    .as("9.5: the job in the stream after burial")
                    .isZero();
        }
    }

    @Test
    void a_corrupt_image_is_tried_three_times_then_dead_lettered_and_the_other_photos_are_made() {
        DnsRegistry dns = new DnsRegistry();
        Duration visibility = Duration.ofMillis(250);
        try (Topology topology = TestTopology.builder(dns)
                .webServers(1)
                .queue(
                        0,
                        QueueSettings.defaults()
                                .visibilityTimeout(visibility)
                                .maxAttempts(3)
                                .poll(Duration.ofMillis(50)),
                        Duration.ZERO)
                .start()) {
            List<String> good = new ArrayList<>(PhotoJobs.queue(topology, 3, 160, 120, 20));
            String corrupt = PhotoJobs.queue(topology, TestImages.corruptPng(21));
            good.addAll(PhotoJobs.queue(topology, 3, 160, 120, 30));
            List<Worker> workers = List.of(
                    topology.photoProcessing().workers().start("worker-1"),
                    topology.photoProcessing().workers().start("worker-2"));

            List<String> all = new ArrayList<>(good);
            all.add(corrupt);
            // A fourth failure means the corrupt image was not buried after its third: fail at once
            // instead of waiting out the deadline while it comes back every visibility timeout.
            await("9.5: every one of " + all.size() + " photos ready or failed")
                    .atMost(Duration.ofSeconds(30))
                    .failFast(
                            "9.5: the corrupt image failed more often than maxAttempts 3 allows: it was not"
                                    + " sent to the dead-letter queue after its third try",
                            () -> workers.stream().mapToLong(Worker::failures).sum() > 3)
                    .until(() -> {
                        topology.rethrowUnfinished();
                        return all.stream().noneMatch(id -> PhotoJobs.status(topology, id) == PhotoStatus.QUEUED);
                    });
            for (String id : good) {
                assertThat(PhotoJobs.status(topology, id))
                        .as("9.5: a good photo beside the corrupt one")
                        .isEqualTo(PhotoStatus.READY);
            }
            var status = new SiteClient(dns).get("http://snapshots.test/api/photos/" + corrupt);
            assertThat(status.json().path("status").asText())
                    .as("9.5: %s", status)
                    .isEqualTo("failed");
            assertThat(status.json().path("error").asText())
                    .as("9.5: the error shown: %s", status)
                    .isNotBlank();

            // Nothing pending and nothing in the stream: no job can come back to be buried again.
            await("9.5: every job finished, the buried one too")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> topology.photoProcessing().queue().jobQueue().depth() == 0
                            && topology.photoProcessing().queue().jobQueue().inFlight() == 0);
            // At least once, as the queue promises: a worker that takes longer than the visibility
            // timeout between claiming the job and finishing its burial (a busy machine can pause it
            // for that long) sees the job claimed again and buried a second time. What must hold is one
            // outcome: only the corrupt photo is there, and its burial after the 3rd try is.
            List<Map<String, String>> dead =
                    topology.photoProcessing().queue().jobQueue().deadLetters();
            assertThat(dead)
                    .as("9.5: the dead-letter queue")
                    .isNotEmpty()
                    .allSatisfy(letter -> assertThat(letter)
                            .as("9.5: a dead letter")
                            .containsEntry("photo", corrupt)
                            .hasEntrySatisfying(
                                    "error",
                                    error -> assertThat(error)
                                            .as("9.5: the dead letter's error")
                                            .isNotBlank()))
                    .anySatisfy(letter -> assertThat(letter)
                            .as("9.5: the burial after the 3rd try")
                            .containsEntry("attempts", "3"));
            if (dead.size() > 1) {
                System.out.printf("9.5: the corrupt image was buried %d times (at least once)%n", dead.size());
            }
            long failures = workers.stream().mapToLong(Worker::failures).sum();
            assertThat(failures)
                    .as("9.5: times the workers tried and failed the corrupt image (maxAttempts 3)")
                    .isEqualTo(3);
            assertThat(topology.photoProcessing().queue().jobQueue().depth())
                    .as("9.5: jobs left in the stream")
                    .isZero();
            assertThat(topology.photoProcessing().queue().jobQueue().inFlight())
                    .as("9.5: jobs still pending")
                    .isZero();
        }
    }

    /** A queue tier and a data tier of the test's own, watched from the start, for burials by hand. */
    private static final class Tiers implements AutoCloseable {
        final RedisServer server = RedisServer.startTemporary(QueueSettings.redisSettings());
        final RedisClient redis =
                RedisClients.connect("127.0.0.1", server.port(), server.password(), Duration.ofSeconds(10));
        final RedisMonitor monitor;
        final DatabaseServer databaseServer = DatabaseServer.startTemporary();
        final Database database = Database.connect(databaseServer.config("photos"));
        final PhotoRepository photos = new PhotoRepository(database).createTables();
        final JobQueue queue = new JobQueue(redis);

        Tiers() throws IOException {
            monitor = new RedisMonitor(server);
        }

        /** A photo recorded and its job published and taken by a worker: the job, on its delivery {@code n}. */
        Job taken(String photo, long delivery) {
            photos.create(photo, "image/png", 10);
            queue.publish(photo);
            return new Job(RedeliveryTest.takeAs(redis, "worker-x"), photo, delivery);
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable closeable : new AutoCloseable[] {monitor, redis, server, database, databaseServer}) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    @Test
    void a_buried_job_is_finished_in_one_transaction_even_one_whose_workers_died_without_an_error() throws Exception {
        try (Tiers tiers = new Tiers()) {
            String photo = PhotoIntake.newId();
            // Its workers died with it (a decompression bomb): no try ever recorded an error.
            Job job = tiers.taken(photo, 4);
            PoisonJobs poison = new PoisonJobs(tiers.redis, tiers.photos, 3);

            boolean buried = poison.buryIfExhausted(job);
            assertThat(buried)
                    .as("9.5: buried on its 4th delivery of 3 tries, no error recorded")
                    .isTrue();
            assertThat(tiers.queue.deadLetters())
                    .as("9.5: the dead letter of a job that recorded no error")
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.get("error"))
                            .as("9.5: its error (some text)")
                            .isNotBlank());
            assertThat(tiers.photos.find(photo).orElseThrow().status())
                    .as("9.5: the photo")
                    .isEqualTo(PhotoStatus.FAILED);

            tiers.monitor.catchUp(tiers.redis);
            String xack = tiers.monitor.firstNaming("\"XACK\"");
            String xdel = tiers.monitor.firstNaming("\"XDEL\"");
            assertThat(xack)
                    .as("9.5: the burial's XACK (none sent: the buried job stays pending and comes back)")
                    .isNotNull();
            assertThat(xdel)
                    .as("9.5: the burial's XDEL (none sent: the buried job stays in the stream, counted in the depth)")
                    .isNotNull();
            assertThat(List.of(tiers.monitor.inTransaction(xack), tiers.monitor.inTransaction(xdel)))
                    .as(
                            "9.5: XACK and XDEL of the buried job, each inside MULTI … EXEC (a worker killed between"
                                    + " two separate commands leaves a job acknowledged but counted, or deleted but"
                                    + " pending): %s, then %s",
                            xack, xdel)
                    .containsExactly(true, true);
            assertThat(List.of(tiers.queue.depth(), tiers.queue.inFlight()))
                    .as("9.5: depth and jobs in flight after the burial")
                    .containsExactly(0L, 0L);
        }
    }

    @Test
    void a_burial_that_cannot_write_its_dead_letter_leaves_the_job_pending_until_it_can() throws Exception {
        try (Tiers tiers = new Tiers()) {
            String photo = PhotoIntake.newId();
            Job job = tiers.taken(photo, 4);
            tiers.queue.recordError(job, "the file could not be read as an image");
            PoisonJobs poison = new PoisonJobs(tiers.redis, tiers.photos, 3);
            // The dead-letter queue refuses the letter (a key of the wrong type: every XADD to it fails).
            tiers.redis.set(JobQueue.DEAD_LETTERS, "not a stream");

            Throwable failed = catchThrowable(() -> poison.buryIfExhausted(job));
            assertThat(List.of(tiers.queue.depth(), tiers.queue.inFlight()))
                    .as(
                            "9.5: the job in the stream and pending after a burial whose dead letter could not be"
                                    + " written (it ended with %s): evidence first, or the job is lost without a trace",
                            failed)
                    .containsExactly(1L, 1L);
            assertThat(tiers.queue.lastError(job))
                    .as("9.5: the job's last error, kept for its next burial")
                    .contains("the file could not be read as an image");

            tiers.redis.del(JobQueue.DEAD_LETTERS);
            assertThat(poison.buryIfExhausted(job))
                    .as("9.5: buried once the dead-letter queue takes letters again")
                    .isTrue();
            assertThat(tiers.queue.deadLetters())
                    .as("9.5: the dead-letter queue")
                    .containsExactly(Map.of(
                            "job",
                            job.id(),
                            "photo",
                            photo,
                            "attempts",
                            "3",
                            "error",
                            "the file could not be read as an image"));
            assertThat(List.of(tiers.queue.depth(), tiers.queue.inFlight()))
                    .as("9.5: depth and jobs in flight after the burial")
                    .containsExactly(0L, 0L);
        }
    }
}
