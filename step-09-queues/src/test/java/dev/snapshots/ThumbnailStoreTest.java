package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.blob.FileBlobStore;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.data.ThumbnailStore;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("9.4")
@DisplayName(
        "9.4 A thumbnail saved twice, even at once, is one thumbnail: at-least-once becomes exactly-once in effect")
class ThumbnailStoreTest {

    @TempDir
    Path blobDirectory;

    @Test
    void saving_again_or_eight_workers_saving_at_once_leaves_one_row_and_one_blob_and_no_error() throws Exception {
        try (DatabaseServer server = DatabaseServer.startTemporary();
                Database database = Database.connect(server.config("photos"))) {
            new PhotoRepository(database).createTables();
            FileBlobStore blobs = new FileBlobStore(blobDirectory);
            Thumbnail small = new Thumbnail(64, 64, 48, TestImages.png(64, 48, 1));
            Thumbnail large = new Thumbnail(256, 256, 192, TestImages.png(256, 192, 1));

            String once = PhotoIntake.newId();
            ThumbnailStore store = new ThumbnailStore(database, blobs);
            store.save(once, small);
            store.save(once, small);
            store.save(once, large);
            assertThat(new PhotoRepository(database).thumbnailsOf(once))
                    .as("9.4: rows after saving the 64 px thumbnail twice and the 256 px once")
                    .containsExactly(small.info(), large.info());
            assertThat(blobs.list(Photo.thumbnailPrefix(once)))
                    .as("9.4: blobs")
                    .containsExactly(Photo.thumbnailKey(once, 256), Photo.thumbnailKey(once, 64));
            assertThat(blobs.get(Photo.thumbnailKey(once, 64)))
                    .as("9.4: the 64 px blob's bytes")
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(small.png()));

            // Eight workers, each with its own store (as processes would be), save one thumbnail at once.
            int workers = 8;
            List<String> photos = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                photos.add(PhotoIntake.newId());
            }
            Map<String, Throwable> errors = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                for (String photo : photos) {
                    CyclicBarrier together = new CyclicBarrier(workers);
                    List<Future<?>> saves = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        ThumbnailStore own = new ThumbnailStore(database, blobs);
                        saves.add(pool.submit(() -> {
                            together.await(15, TimeUnit.SECONDS);
                            own.save(photo, small);
                            return null;
                        }));
                    }
                    for (Future<?> save : saves) {
                        try {
                            save.get(20, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.ExecutionException e) {
                            errors.put(photo, e.getCause());
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(errors)
                    .as("9.4: errors when 8 workers saved one thumbnail at once")
                    .isEmpty();
            for (String photo : photos) {
                assertThat(new PhotoRepository(database).thumbnailsOf(photo))
                        .as("9.4: rows after 8 saves at once")
                        .containsExactly(small.info());
                assertThat(blobs.list(Photo.thumbnailPrefix(photo)))
                        .as("9.4: blobs after 8 saves at once")
                        .containsExactly(Photo.thumbnailKey(photo, 64));
            }
        }
    }

    @Test
    void a_thumbnail_whose_bytes_could_not_be_stored_is_not_recorded_and_a_retry_stores_both() throws Exception {
        try (DatabaseServer server = DatabaseServer.startTemporary();
                Database database = Database.connect(server.config("photos"))) {
            PhotoRepository repository = new PhotoRepository(database).createTables();
            FileBlobStore blobs = new FileBlobStore(blobDirectory);
            BlobStore down = new BlobStore() {
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
            Thumbnail small = new Thumbnail(64, 64, 48, TestImages.png(64, 48, 3));
            String photo = PhotoIntake.newId();

            Throwable failed = catchThrowable(() -> new ThumbnailStore(database, down).save(photo, small));
            assertThat(repository.thumbnailsOf(photo))
                    .as(
                            "9.4: rows for a thumbnail whose bytes the blob store refused (the save ended with %s): a"
                                    + " row must never announce bytes that are not stored",
                            failed)
                    .isEmpty();
            assertThat(failed)
                    .as("9.4: the save whose bytes could not be stored (its job must not be acknowledged)")
                    .isNotNull()
                    .isNotInstanceOf(UnsupportedOperationException.class);

            // The job comes back, the blob store is up again: the retry must leave the whole result, and
            // one more delivery of it (a worker that died before its ack) nothing more.
            new ThumbnailStore(database, blobs).save(photo, small);
            new ThumbnailStore(database, blobs).save(photo, small);
            assertThat(repository.thumbnailsOf(photo))
                    .as("9.4: rows after the retry and one more delivery")
                    .containsExactly(small.info());
            assertThat(blobs.get(Photo.thumbnailKey(photo, 64)))
                    .as("9.4: the blob after the retry and one more delivery")
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(small.png()));
        }
    }

    @Test
    void a_duplicate_is_done_but_a_save_that_cannot_reach_the_data_tier_fails() {
        Thumbnail small = new Thumbnail(64, 64, 48, TestImages.png(64, 48, 4));
        DatabaseServer server = DatabaseServer.startTemporary();
        Database database = Database.connect(server.config("photos"));
        try {
            PhotoRepository repository = new PhotoRepository(database).createTables();
            ThumbnailStore store = new ThumbnailStore(database, new FileBlobStore(blobDirectory));
            String photo = PhotoIntake.newId();
            store.save(photo, small);
            store.save(photo, small);
            assertThat(repository.thumbnailsOf(photo))
                    .as("9.4: rows after saving one thumbnail twice, the data tier up")
                    .containsExactly(small.info());

            server.close();
            assertThatThrownBy(() -> store.save(PhotoIntake.newId(), small))
                    .as("9.4: a save with the data tier down: it must fail, or the worker acknowledges a job whose"
                            + " result was never recorded")
                    .isNotInstanceOf(UnsupportedOperationException.class);
        } finally {
            database.close();
            if (server.isRunning()) {
                server.close();
            }
        }
    }

    @Test
    void a_worker_too_slow_for_its_visibility_timeout_and_the_worker_that_took_over_both_finish_one_result() {
        Duration visibility = Duration.ofMillis(300);
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology = TestTopology.builder(dns)
                .queue(
                        0,
                        QueueSettings.defaults().visibilityTimeout(visibility).poll(Duration.ofMillis(50)),
                        Duration.ZERO)
                .start()) {
            AtomicBoolean firstTime = new AtomicBoolean(true);
            AtomicReference<Job> slowJob = new AtomicReference<>();
            CountDownLatch takenOver = new CountDownLatch(1);
            Worker slow = topology.photoProcessing().workers().start("worker-slow", job -> {
                if (firstTime.getAndSet(false)) {
                    slowJob.set(job);
                    // A long GC pause, a slow disk…: it outlives its visibility timeout, and stores its
                    // results only once the worker that took the job over has finished it.
                    takenOver.await(30, TimeUnit.SECONDS);
                }
            });
            try {
                String id = PhotoJobs.queue(topology, TestImages.png(320, 240, 9));
                await("9.4: worker-slow has the job")
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> {
                            topology.rethrowUnfinished();
                            return !firstTime.get();
                        });
                Worker other = topology.photoProcessing().workers().start("worker-other");
                await("9.4: worker-other took the job over from worker-slow and finished it")
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> {
                            topology.rethrowUnfinished();
                            return other.completed() + other.failures() >= 1;
                        });
                takenOver.countDown();
                await("9.4: worker-slow finished the job too")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> {
                            topology.rethrowUnfinished();
                            return slow.completed() + slow.failures() >= 1;
                        });
                assertThat(other.completed())
                        .as("9.4: jobs completed by the worker that took over")
                        .isEqualTo(1);
                assertThat(slow.failures())
                        .as(
                                "9.4: failures of the slow worker, saving what was saved already (%s)",
                                topology.photoProcessing()
                                        .queue()
                                        .jobQueue()
                                        .lastError(slowJob.get())
                                        .orElse("none recorded"))
                        .isZero();
                assertThat(PhotoJobs.status(topology, id)).as("9.4: the photo").hasToString("READY");
                assertThat(topology.photoProcessing()
                                .storage()
                                .photoRepository()
                                .thumbnailsOf(id))
                        .as("9.4: thumbnail rows")
                        .hasSize(2);
                assertThat(PhotoJobs.thumbnailBlobs(topology, id))
                        .as("9.4: thumbnail blobs")
                        .hasSize(2);
            } finally {
                takenOver.countDown(); // worker-slow is never left held, whatever happened
            }
        }
    }
}
