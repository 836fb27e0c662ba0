package dev.snapshots.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

public final class SessionTier {

    private static final AtomicBoolean DOWN = new AtomicBoolean();

    public static <T> T call(String what, Supplier<T> request) {
        // Wrong: a circuit breaker that opens on the first failure and closes only on a success,
        // which it never tries again: shared by every thread, it decides for every later request.
        if (DOWN.get()) {
            throw new SessionTierUnavailableException("session tier marked down: " + what, null);
        }
        try {
            T result = request.get();
            DOWN.set(false);
            return result;
        } catch (JedisException e) {
            DOWN.set(true);
            throw new SessionTierUnavailableException("session tier failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
