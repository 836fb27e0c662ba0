package dev.snapshots.queue;

/**
 * One job as a worker holds it: the stream entry's {@code id}, the photo to make thumbnails of, how
 * many times it has been handed out so far ({@code deliveries}, 1 the first time), and since step
 * 10 the id of the request that queued it ({@code requestId}, null if it had none), so that the
 * worker's lines about the job can be found with the upload's.
 */
public record Job(String id, String photoId, long deliveries, String requestId) {

    /** A job that no request id came with. */
    public Job(String id, String photoId, long deliveries) {
        this(id, photoId, deliveries, null);
    }
}
