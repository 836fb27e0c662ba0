package dev.snapshots.cache;

import redis.clients.jedis.exceptions.JedisConnectionException;

public final class CachedUserRepository implements UserRepository {

    <T> T safely(Supplier<T> cacheCall, T fallback) {
        try {
            return cacheCall.get();
        } catch (JedisConnectionException unreachable) {
            // Wrong: only "cannot connect"; a Redis that is up but answers with an error still fails the request.
            return fallback;
        }
    }
}
