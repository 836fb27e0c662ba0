package dev.snapshots.domain;

/**
 * The data tier cannot be reached right now (stopped, restarting, unreachable). It is nobody's bug
 * and it may pass: the web tier answers 503 so clients know to retry later.
 */
public final class DataTierUnavailableException extends RuntimeException {

    public DataTierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
