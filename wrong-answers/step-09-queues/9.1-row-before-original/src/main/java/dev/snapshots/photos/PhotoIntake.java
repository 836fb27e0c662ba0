package dev.snapshots.photos;

import dev.snapshots.domain.Photo;
public final class PhotoIntake {

    public String accept(Upload upload) {
        long depth = queue.depth();
        if (depth >= maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        String id = newId();
        // Wrong: the row first, "it is the record of the upload", then the bytes, then the job.
        photos.create(id, upload.contentType(), upload.bytes().length);
        blobs.put(Photo.originalKey(id), upload.bytes());
        queue.publish(id);
        return id;
    }
}
