package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;

public final class CachedUserRepository implements UserRepository {

    void store(User user) {
        try {
            // Wrong: SETEX takes seconds; this is the TTL in milliseconds, a thousand times too long.
            redis.setex(key(user.id()), Math.max(1, ttl.toMillis()), JSON.writeValueAsString(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }
}
