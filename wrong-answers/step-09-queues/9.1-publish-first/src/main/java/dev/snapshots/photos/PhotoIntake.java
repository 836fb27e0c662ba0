package dev.snapshots.photos;

import dev.snapshots.domain.Photo;
public final class PhotoIntake {

    public String accept(Upload upload) {
        long depth = queue.depth();
        if (depth >= maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        String id = newId();
        // Wrong: queue the job first, so that a worker can start while the bytes are being stored.
        queue.publish(id);
        blobs.put(Photo.originalKey(id), upload.bytes());
        photos.create(id, upload.contentType(), upload.bytes().length);
        return id;
    }
}
