package dev.snapshots.photos;

import dev.snapshots.domain.Photo;
public final class PhotoIntake {

    public String accept(Upload upload) {
        long depth = queue.depth();
        // Wrong: full only once the queue holds more than maxDepth.
        if (depth > maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        String id = newId();
        blobs.put(Photo.originalKey(id), upload.bytes());
        photos.create(id, upload.contentType(), upload.bytes().length);
        queue.publish(id);
        return id;
    }
}
