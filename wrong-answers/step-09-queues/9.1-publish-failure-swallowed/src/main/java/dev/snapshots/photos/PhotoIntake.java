package dev.snapshots.photos;

import dev.snapshots.domain.Photo;
public final class PhotoIntake {

    public String accept(Upload upload) {
        long depth = queue.depth();
        if (depth >= maxDepth) {
            throw new QueueFullException(depth, retryAfter);
        }
        String id = newId();
        blobs.put(Photo.originalKey(id), upload.bytes());
        photos.create(id, upload.contentType(), upload.bytes().length);
        try {
            queue.publish(id);
        } catch (RuntimeException e) {
            // Wrong: the photo is stored and recorded; the queue's trouble is no reason to fail the upload.
            System.err.println("could not queue photo " + id + ": " + e.getMessage());
        }
        return id;
    }
}
