package dev.snapshots.photos;

import dev.snapshots.domain.Photo;
import java.util.concurrent.atomic.AtomicLong;

public final class PhotoIntake {

    /** Wrong: a counter to keep ids unique within a millisecond. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    public String accept(Upload upload) {
        long depth = queue.depth();
        if (depth >= maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        // Wrong: 32 hex digits like newId()'s, from the time and a counter, "sortable by upload time".
        String id = String.format("%016x%016x", System.currentTimeMillis(), SEQUENCE.incrementAndGet());
        blobs.put(Photo.originalKey(id), upload.bytes());
        photos.create(id, upload.contentType(), upload.bytes().length);
        queue.publish(id);
        return id;
    }
}
