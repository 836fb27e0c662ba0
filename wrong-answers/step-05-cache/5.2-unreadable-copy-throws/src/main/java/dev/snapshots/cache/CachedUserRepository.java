package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;

public final class CachedUserRepository implements UserRepository {

    Optional<User> lookUp(long id) {
        String json = redis.get(key(id));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, User.class));
        } catch (JsonProcessingException unreadable) {
            // Wrong: a copy we cannot read fails the request (and puts the cached text in the error).
            throw new IllegalStateException("unreadable cached user " + key(id) + ": " + json, unreadable);
        }
    }
}
