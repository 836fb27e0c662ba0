package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    void afterWrite(long id, Optional<User> fresh) {
        // Wrong: nothing happens when the user is gone; the old copy stays for its TTL.
        fresh.ifPresent(this::store);
    }
}
