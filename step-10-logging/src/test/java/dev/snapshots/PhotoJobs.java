package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.photos.PhotoIntake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues photos straight onto a topology's queue, as the provided parts of an upload do (store the
 * original, record the photo, publish its job), so the worker's exercises are graded whatever
 * exercise 9.1 does; and waits for them.
 */
final class PhotoJobs {

    private PhotoJobs() {}

    /** Queues {@code count} PNG photos of {@code width} × {@code height}; returns their ids. */
    static List<String> queue(Topology topology, int count, int width, int height, long seed) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(queue(topology, TestImages.png(width, height, seed + i)));
        }
        return ids;
    }

    /** Queues one photo with these bytes (a PNG's, or not); returns its id. */
    static String queue(Topology topology, byte[] png) {
        String id = PhotoIntake.newId();
        topology.tier(PhotoProcessing.class).storage().blobs().put(Photo.originalKey(id), png);
        topology.tier(PhotoProcessing.class).storage().photoRepository().create(id, "image/png", png.length);
        topology.tier(PhotoProcessing.class).queue().jobQueue().publish(id);
        return id;
    }

    /** Waits until no photo of {@code ids} is queued any more; fails with an exercise's TODO at once. */
    static void awaitDone(Topology topology, List<String> ids, Duration atMost, String exercise) {
        await(exercise + ": every one of " + ids.size() + " photos ready or failed")
                .atMost(atMost)
                .until(() -> {
                    topology.rethrowUnfinished();
                    return ids.stream().noneMatch(id -> status(topology, id) == PhotoStatus.QUEUED);
                });
    }

    static PhotoStatus status(Topology topology, String id) {
        return topology.tier(PhotoProcessing.class)
                .storage()
                .photoRepository()
                .find(id)
                .orElseThrow()
                .status();
    }

    /** Thumbnail blobs stored for a photo: one per size when it was made once. */
    static List<String> thumbnailBlobs(Topology topology, String id) {
        return topology.tier(PhotoProcessing.class).storage().blobs().list(Photo.thumbnailPrefix(id));
    }

    /**
     * Waits until every job is acknowledged and out of the stream, once every photo is done; fails at
     * once on a job acknowledged but left in the stream. Pending jobs are counted before the stream's
     * length, and an ack takes a job out of both together, so a right answer never shows more jobs in
     * the stream than were pending a moment before.
     */
    static void awaitAcknowledged(Topology topology, String label) {
        await(label + "every job acknowledged and deleted")
                .atMost(Duration.ofSeconds(10))
                .failFast(label + "a job acknowledged but left in the stream (the ack must delete it too)", () -> {
                    long pending = topology.tier(PhotoProcessing.class)
                            .queue()
                            .jobQueue()
                            .inFlight();
                    long inStream = topology.tier(PhotoProcessing.class)
                            .queue()
                            .jobQueue()
                            .depth();
                    assertThat(inStream)
                            .as(
                                    "%sjobs in the stream (%d) beyond those pending (%d), every photo being done:"
                                            + " an acknowledged job must leave the stream too (it counts in the depth)",
                                    label, inStream, pending)
                            .isLessThanOrEqualTo(pending);
                })
                .untilAsserted(() -> assertThat(new long[] {
                            topology.tier(PhotoProcessing.class)
                                    .queue()
                                    .jobQueue()
                                    .inFlight(),
                            topology.tier(PhotoProcessing.class)
                                    .queue()
                                    .jobQueue()
                                    .depth()
                        })
                        .as(label + "jobs pending in the group and jobs left in the stream, once every photo is ready")
                        .containsExactly(0, 0));
    }
}
