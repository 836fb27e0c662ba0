package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.photos.Upload;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;

@DisplayName(
        "Carried from step 09 · An upload is stored, then queued, and answered 202 at once; a full queue answers 503")
class UploadTest {

    @Test
    void twenty_uploads_with_no_worker_are_accepted_and_wait_and_the_twenty_first_is_refused() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .webServers(2)
                .loadBalancer()
                .queue(0, QueueSettings.defaults().maxDepth(20), Duration.ZERO)
                .start()) {
            SiteClient client = new SiteClient(dns);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] photo = i % 2 == 0 ? TestImages.png(320, 240, i) : TestImages.jpeg(320, 240, i);
                var accepted = upload(client, i % 2 == 0 ? "image/png" : "image/jpeg", photo);
                assertThat(accepted.status()).as("upload %d: %s", i, accepted).isEqualTo(202);
                String id = accepted.json().path("id").asText();
                assertThat(accepted.header("Location"))
                        .as("upload %d's Location: its status URL", i)
                        .isEqualTo("/api/photos/" + id);
                var status = client.get("http://snapshots.test" + accepted.header("Location"));
                assertThat(status.status()).as("%s", status).isEqualTo(200);
                assertThat(status.json().path("status").asText())
                        .as("%s", status)
                        .isEqualTo("queued");
                assertThat(topology.tier(PhotoProcessing.class)
                                .storage()
                                .blobs()
                                .get(Photo.originalKey(id)))
                        .as("upload %d's original in the blob store, byte for byte", i)
                        .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(photo));
                ids.add(id);
            }
            assertThat(ids).as("photo ids").doesNotHaveDuplicates();
            assertThat(ids).as("photo ids, 32 hex digits each").allMatch(id -> id.matches("[0-9a-f]{32}"));
            assertThat(ids.stream().map(id -> id.substring(0, 8)).distinct().count())
                    .as(
                            "distinct first 8 hex digits of 20 photo ids (ids of 128 random bits share them"
                                    + " with a chance of 1 in 20 million; ids made of a time or a counter do): %s",
                            ids)
                    .isEqualTo(20);
            assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                    .as("jobs queued after 20 uploads, no worker")
                    .isEqualTo(20);
            assertThat(topology.tier(PhotoProcessing.class)
                            .storage()
                            .photoRepository()
                            .count(PhotoStatus.QUEUED))
                    .as("photos queued")
                    .isEqualTo(20);

            var refused = upload(client, "image/png", TestImages.png(320, 240, 99));
            assertThat(refused.status())
                    .as("the 21st upload, queue at its limit of 20: %s", refused)
                    .isEqualTo(503);
            assertThat(refused.isJson()).as("a JSON error: %s", refused).isTrue();
            assertThat(refused.header("Retry-After"))
                    .as("Retry-After of the 503")
                    .isEqualTo("30");
            assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                    .as("jobs queued after the refusal")
                    .isEqualTo(20);
            assertThat(topology.tier(PhotoProcessing.class).storage().blobs().list("originals/"))
                    .as("originals stored: the refused one is not")
                    .hasSize(20);
        }
    }

    @Test
    void an_upload_that_cannot_be_stored_leaves_no_job_behind() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns).queue(0).start()) {
            Upload upload = Upload.check("image/png", TestImages.png(64, 64, 7));

            BlobStore brokenBlobs = brokenBlobs();
            PhotoIntake noBlobs = new PhotoIntake(
                    brokenBlobs,
                    topology.tier(PhotoProcessing.class).storage().photoRepository(),
                    topology.tier(PhotoProcessing.class).queue().jobQueue(),
                    100,
                    Duration.ofSeconds(1));
            assertThatThrownBy(() -> noBlobs.accept(upload))
                    .as("the blob store down")
                    .isNotInstanceOf(UnsupportedOperationException.class);
            assertThat(topology.tier(PhotoProcessing.class).queue().jobQueue().depth())
                    .as("jobs queued for an upload whose original could not be stored")
                    .isZero();

            DatabaseServer stopped = DatabaseServer.startTemporary();
            Database down = Database.connect(stopped.config("gone"));
            stopped.close();
            try {
                PhotoIntake noDatabase = new PhotoIntake(
                        topology.tier(PhotoProcessing.class).storage().blobs(),
                        new PhotoRepository(down),
                        topology.tier(PhotoProcessing.class).queue().jobQueue(),
                        100,
                        Duration.ofSeconds(1));
                assertThatThrownBy(() -> noDatabase.accept(upload))
                        .as("the data tier down")
                        .isNotInstanceOf(UnsupportedOperationException.class);
                assertThat(topology.tier(PhotoProcessing.class)
                                .queue()
                                .jobQueue()
                                .depth())
                        .as("jobs queued for an upload whose photo could not be recorded")
                        .isZero();
            } finally {
                down.close();
            }
        }
    }

    @Test
    void an_upload_that_fails_half_way_leaves_no_photo_without_its_original_and_no_accepted_upload_without_its_job() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns).queue(0).start()) {
            PhotoRepository photos =
                    topology.tier(PhotoProcessing.class).storage().photoRepository();
            JobQueue queue = topology.tier(PhotoProcessing.class).queue().jobQueue();
            Upload upload = Upload.check("image/png", TestImages.png(64, 64, 8));
            PhotoIntake intake = new PhotoIntake(
                    topology.tier(PhotoProcessing.class).storage().blobs(), photos, queue, 100, Duration.ofSeconds(1));
            String accepted = intake.accept(upload);
            assertThat(topology.tier(PhotoProcessing.class).storage().blobs().get(Photo.originalKey(accepted)))
                    .as("the original of an upload accepted directly")
                    .isPresent();

            // The blob store fails: no photo may be recorded whose original was never stored.
            PhotoIntake noBlobs = new PhotoIntake(brokenBlobs(), photos, queue, 100, Duration.ofSeconds(1));
            Throwable noOriginal = catchThrowable(() -> noBlobs.accept(upload));
            assertThat(photos.count(PhotoStatus.QUEUED))
                    .as(
                            "queued photos after one upload accepted and one whose original could not be stored"
                                    + " (it ended with %s): a photo row must never point at an original that is not there",
                            noOriginal)
                    .isEqualTo(1);

            // The queue refuses the job after the original and the row are stored: the stream has reached its
            // last possible id, so every XADD fails while XLEN still answers.
            queue.redis()
                    .sendCommand(
                            Protocol.Command.XADD,
                            JobQueue.STREAM,
                            "18446744073709551615-18446744073709551615",
                            "photo",
                            "the-last-id");
            Throwable noJob = catchThrowable(() -> intake.accept(upload));
            assertThat(noJob)
                    .as("an upload whose job the queue refused: it must not be accepted (its photo would stay"
                            + " queued for ever, the client told all is well)")
                    .isNotNull()
                    .isNotInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static BlobStore brokenBlobs() {
        return new BlobStore() {
            @Override
            public void put(String key, byte[] bytes) {
                throw new IllegalStateException("the blob store is down");
            }

            @Override
            public Optional<byte[]> get(String key) {
                return Optional.empty();
            }

            @Override
            public List<String> list(String prefix) {
                return List.of();
            }
        };
    }

    static SiteClient.Response upload(SiteClient client, String contentType, byte[] body) {
        return client.send(
                HttpRequest.newBuilder(client.resolve("http://snapshots.test/api/photos"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                "POST /api/photos (" + contentType + ", " + body.length + " bytes)");
    }
}
