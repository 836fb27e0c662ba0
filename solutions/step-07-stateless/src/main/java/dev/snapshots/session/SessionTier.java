package dev.snapshots.session;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

public final class SessionTier {

    public static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (JedisException e) {
            // No connection, a timeout, or an error reply (OOM when full): the tier failed, not the user.
            throw new SessionTierUnavailableException("session tier failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
