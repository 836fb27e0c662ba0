package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        if (fresh.isEmpty()) {
            redis.del(key(id));
            return;
        }
        try {
            // Wrong: replace the value in place with SET, which also drops the key's TTL.
            redis.set(key(id), JSON.writeValueAsString(fresh.get()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }
}
