package dev.snapshots.session;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;

public final class SessionTier {

    public static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (JedisConnectionException e) {
            // Wrong: only a lost connection counts; an error reply (OOM when the tier is full) escapes.
            throw new SessionTierUnavailableException("session tier failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
