package dev.snapshots.photos;

import java.time.Duration;

/**
 * Backpressure: the queue holds as many jobs as it may, so a new upload is refused now (a 503) and
 * the client told when to try again, instead of piling up work the workers cannot reach for hours.
 */
public final class QueueFullException extends RuntimeException {

    private final Duration retryAfter;

    public QueueFullException(long depth, Duration retryAfter) {
        super("the photo queue is full (" + depth + " jobs waiting): try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
