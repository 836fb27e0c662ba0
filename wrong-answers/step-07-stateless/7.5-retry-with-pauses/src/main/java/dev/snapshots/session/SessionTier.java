package dev.snapshots.session;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

public final class SessionTier {

    public static <T> T call(String what, Supplier<T> request) {
        // Wrong: three tries, a timeout's length apart, "in case the tier comes back".
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (JedisException e) {
                if (attempt == 3) {
                    throw new SessionTierUnavailableException("session tier failed to " + what, e);
                }
                try {
                    Thread.sleep(SessionPolicy.TIMEOUT.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SessionTierUnavailableException("interrupted", e);
                }
            }
        }
    }
}
