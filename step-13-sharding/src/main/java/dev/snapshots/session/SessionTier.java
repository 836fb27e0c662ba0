package dev.snapshots.session;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

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
        try {
            return request.get();
        } catch (JedisException e) {
            // No connection, a timeout, or an error reply (OOM when full): the tier failed, not the user.
            throw new SessionTierUnavailableException("session tier failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
