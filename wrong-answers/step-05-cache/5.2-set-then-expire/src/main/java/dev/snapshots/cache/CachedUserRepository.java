package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;

public final class CachedUserRepository implements UserRepository {

    void store(User user) {
        String json;
        try {
            json = JSON.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
        // Wrong: two commands; if the second one fails (time-out, Redis gone), the copy lives forever.
        redis.set(key(user.id()), json);
        redis.expire(key(user.id()), Math.max(1, ttl.toSeconds()));
    }
}
