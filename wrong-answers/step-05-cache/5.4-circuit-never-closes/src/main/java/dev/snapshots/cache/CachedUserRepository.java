package dev.snapshots.cache;

import redis.clients.jedis.exceptions.JedisException;

public final class CachedUserRepository implements UserRepository {

    /** Wrong: set on the first failure and never cleared. */
    private volatile boolean cacheDown;

    <T> T safely(Supplier<T> cacheCall, T fallback) {
        if (cacheDown) {
            return fallback; // do not even try a cache known to be down: fast
        }
        try {
            return cacheCall.get();
        } catch (JedisException unreachable) {
            cacheDown = true;
            return fallback;
        }
    }
}
