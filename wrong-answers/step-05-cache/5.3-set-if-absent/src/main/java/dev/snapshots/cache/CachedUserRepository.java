package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import redis.clients.jedis.params.SetParams;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        if (fresh.isEmpty()) {
            redis.del(key(id));
            return;
        }
        try {
            // Wrong: NX, "so as not to overwrite a newer copy": it never overwrites the old one either.
            redis.set(key(id), JSON.writeValueAsString(fresh.get()),
                    SetParams.setParams().nx().ex(Math.max(1, ttl.toSeconds())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }
}
