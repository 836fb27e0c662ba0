package dev.snapshots.photos;

import dev.snapshots.domain.Photo;

public final class PhotoIntake {

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
}
