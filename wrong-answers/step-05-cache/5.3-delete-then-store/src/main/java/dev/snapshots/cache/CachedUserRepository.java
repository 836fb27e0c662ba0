package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        // Wrong: clear the old copy first, then put the new one: a reader that misses in between
        // reloads (maybe from a replica behind) and its store may land after ours.
        redis.del(key(id));
        fresh.ifPresent(this::store);
    }
}
