package dev.snapshots.photos;

/** An upload refused before anything was stored or queued; {@code status} is the HTTP status to answer. */
public final class UploadRejectedException extends RuntimeException {

    private final int status;

    public UploadRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
