package dev.snapshots.cache;

import redis.clients.jedis.exceptions.JedisException;

public final class CachedUserRepository implements UserRepository {

    <T> T safely(Supplier<T> cacheCall, T fallback) {
        // Wrong: each call is tried twice before giving up: a dead cache costs every request two time-outs
        // (for a read: two on the look-up and two on the store), and a half-done write is sent again.
        for (int attempt = 1; ; attempt++) {
            try {
                return cacheCall.get();
            } catch (JedisException unreachable) {
                if (attempt == 2) {
                    return fallback;
                }
            }
        }
    }
}
