package dev.snapshots.photos;

/** The queue tier cannot be reached: the upload is not accepted (a 503), and nothing was queued. */
public final class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(Throwable cause) {
        super("the photo queue cannot be reached", cause);
    }
}
