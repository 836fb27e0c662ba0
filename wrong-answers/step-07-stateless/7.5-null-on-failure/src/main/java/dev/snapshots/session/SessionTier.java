package dev.snapshots.session;

import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

public final class SessionTier {

    public static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (JedisException e) {
            // Wrong: a failure read as "nothing there".
            return null;
        }
    }
}
