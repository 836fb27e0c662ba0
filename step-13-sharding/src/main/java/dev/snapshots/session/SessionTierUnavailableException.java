package dev.snapshots.session;

/**
 * The session tier cannot answer right now (stopped, unreachable, out of memory). Nobody's bug,
 * and it may pass: the web tier answers 503, fast, so clients know to retry later.
 */
public final class SessionTierUnavailableException extends RuntimeException {

    public SessionTierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
