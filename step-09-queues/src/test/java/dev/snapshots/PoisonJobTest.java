package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.photos.PhotoStatus;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.PoisonJobs;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.queue.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("9.5")
@DisplayName("9.5 A job that fails its 3 tries goes to the dead-letter queue with its error, and its photo says failed")
class PoisonJobTest {

    @Test
    void a_job_out_of_tries_is_buried_once_with_its_last_error_and_one_with_tries_left_is_untouched() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns).queue(0).start()) {
            var redis = topology.jobQueue().redis();
            String photo = PhotoJobs.queue(topology, TestImages.png(32, 32, 5));
            String id = RedeliveryTest.takeAs(redis, "worker-x");
            Job third = new Job(id, photo, 3);
            topology.jobQueue().recordError(third, "IIOException: Error reading PNG image data");
            PoisonJobs poison = new PoisonJobs(redis, topology.photoRepository(), 3);

            assertThat(poison.buryIfExhausted(third))
                    .as("9.5: buried on its 3rd delivery of 3 allowed")
                    .isFalse();
            assertThat(topology.jobQueue().deadLetters())
                    .as("9.5: dead letters after the 3rd delivery")
                    .isEmpty();
            assertThat(topology.jobQueue().inFlight())
                    .as("9.5: the job still pending")
                    .isEqualTo(1);
            assertThat(PhotoJobs.status(topology, photo)).as("9.5: the photo").isEqualTo(PhotoStatus.QUEUED);

            assertThat(poison.buryIfExhausted(new Job(id, photo, 4)))
                    .as("9.5: buried on its 4th delivery")
                    .isTrue();
            assertThat(topology.jobQueue().deadLetters())
                    .as("9.5: the dead-letter queue")
                    .containsExactly(Map.of(
                            "job",
                            id,
                            "photo",
                            photo,
                            "attempts",
                            "3",
                            "error",
                            "IIOException: Error reading PNG image data"));
            var failed = topology.photoRepository().find(photo).orElseThrow();
            assertThat(failed.status()).as("9.5: the photo's status").isEqualTo(PhotoStatus.FAILED);
            assertThat(failed.error())
                    .as("9.5: the photo's error")
                    .isEqualTo("IIOException: Error reading PNG image data");
            assertThat(topology.jobQueue().inFlight())
                    .as("9.5: the job pending after burial")
                    .isZero();
            assertThat(topology.jobQueue().depth())
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
            List<Worker> workers = List.of(topology.startWorker("worker-1"), topology.startWorker("worker-2"));

            List<String> all = new ArrayList<>(good);
            all.add(corrupt);
            PhotoJobs.awaitDone(topology, all, Duration.ofSeconds(15), "9.5");
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
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> topology.jobQueue().depth() == 0
                            && topology.jobQueue().inFlight() == 0);
            List<Map<String, String>> dead = topology.jobQueue().deadLetters();
            assertThat(dead).as("9.5: the dead-letter queue").hasSize(1);
            assertThat(dead.get(0))
                    .as("9.5: the dead letter")
                    .containsEntry("photo", corrupt)
                    .containsEntry("attempts", "3");
            assertThat(dead.get(0).get("error"))
                    .as("9.5: the dead letter's error")
                    .isNotBlank();
            long failures = workers.stream().mapToLong(Worker::failures).sum();
            assertThat(failures)
                    .as("9.5: times the workers tried and failed the corrupt image (maxAttempts 3)")
                    .isEqualTo(3);
            assertThat(topology.jobQueue().depth())
                    .as("9.5: jobs left in the stream")
                    .isZero();
            assertThat(topology.jobQueue().inFlight())
                    .as("9.5: jobs still pending")
                    .isZero();
        }
    }
}
