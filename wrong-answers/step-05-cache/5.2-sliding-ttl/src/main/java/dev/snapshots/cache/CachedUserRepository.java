package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import redis.clients.jedis.params.GetExParams;

public final class CachedUserRepository implements UserRepository {

    Optional<User> lookUp(long id) {
        // Wrong: every hit starts the TTL again, so a copy read more often than once a TTL never expires.
        String json = redis.getEx(key(id), GetExParams.getExParams().ex(Math.max(1, ttl.toSeconds())));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, User.class));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }
}
