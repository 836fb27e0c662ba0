package dev.snapshots.session;

import java.util.function.Supplier;

/**
 * Exercise 7.5: the session tier is a dependency like the database. When it fails, a login or an
 * {@code /api/me} must not hang, must not be a 500 (it is not a bug) and must not pretend the user
 * is logged out (it does not know): it is a {@code 503}, at once.
 */
public final class SessionTier {

    private SessionTier() {}

    /**
     * Runs {@code request} (one or more Redis commands, {@code what} says which) on the session tier
     * and returns its result; a failure of the session tier itself becomes a
     * {@link SessionTierUnavailableException}, which the web tier answers with a {@code 503}.
     */
    public static <T> T call(String what, Supplier<T> request) {
        // TODO 7.5: turn every failure of the session tier (Jedis's exceptions: no connection, a timeout, an
        //  error reply such as OOM) into a SessionTierUnavailableException naming `what`. Until then they
        //  escape as they are, and the web tier answers 500.
        return request.get();
    }
}
