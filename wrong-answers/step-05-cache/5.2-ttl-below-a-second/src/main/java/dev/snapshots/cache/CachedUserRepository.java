package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;

public final class CachedUserRepository implements UserRepository {

    void store(User user) {
        try {
            // Wrong: a TTL under one second becomes 0, which SETEX refuses ("invalid expire time").
            redis.setex(key(user.id()), ttl.toSeconds(), JSON.writeValueAsString(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }
}
