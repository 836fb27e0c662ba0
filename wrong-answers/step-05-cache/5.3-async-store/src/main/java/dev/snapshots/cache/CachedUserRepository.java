package dev.snapshots.cache;

import java.util.concurrent.CompletableFuture;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        // Wrong: the rename answers before the cache is updated (and a failure here is never seen).
        CompletableFuture.runAsync(() -> {
            if (fresh.isPresent()) {
                store(fresh.get());
            } else {
                redis.del(key(id));
            }
        });
    }
}
