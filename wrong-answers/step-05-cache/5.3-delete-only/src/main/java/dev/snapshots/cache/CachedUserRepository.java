package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        // Wrong: only delete; the next miss may read a replica that has not applied the rename yet.
        redis.del(key(id));
    }
}
