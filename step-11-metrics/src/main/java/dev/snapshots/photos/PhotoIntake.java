package dev.snapshots.photos;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.domain.Photo;
import dev.snapshots.queue.JobQueue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Exercise 9.1: the producer. A web server takes an upload, makes it safe to forget, and answers at
 * once; the slow work (decoding, resizing) is a job on the queue for a worker.
 */
public final class PhotoIntake {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BlobStore blobs;
    private final PhotoRepository photos;
    private final JobQueue queue;
    private final long maxDepth;
    private final Duration retryAfter;

    public PhotoIntake(BlobStore blobs, PhotoRepository photos, JobQueue queue, long maxDepth, Duration retryAfter) {
        this.blobs = blobs;
        this.photos = photos;
        this.queue = queue;
        this.maxDepth = maxDepth;
        this.retryAfter = retryAfter;
    }

    /**
     * Accepts {@code upload} and returns its new photo id (from {@link #newId()}). Nothing is queued
     * unless everything a worker will need is stored first: the original's bytes under
     * {@link Photo#originalKey} and the photo's row, queued. When the queue already holds
     * {@code maxDepth} jobs, nothing is stored and a {@link QueueFullException} tells the client to
     * come back after {@code retryAfter}.
     */
    public String accept(Upload upload) {
        // Backpressure first: a refused upload stores nothing.
        long depth = queue.depth();
        if (depth >= maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        String id = newId();
        // Everything the worker needs, before the job that sends it there: a job published first
        // could reach a worker before the original exists, or outlive a failed upload.
        blobs.put(Photo.originalKey(id), upload.bytes());
        photos.create(id, upload.contentType(), upload.bytes().length);
        queue.publish(id);
        return id;
    }

    /** A new photo id: 128 random bits in hex, so nobody can guess another user's photo. */
    public static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
