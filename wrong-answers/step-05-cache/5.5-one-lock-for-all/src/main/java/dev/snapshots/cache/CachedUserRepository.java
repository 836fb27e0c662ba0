package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    /** Wrong: one lock for every user's load. */
    private final Object loadLock = new Object();

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        // Wrong: one load at a time, whatever the user: the others wait, then find it in the cache.
        synchronized (loadLock) {
            Optional<User> cached = safely(() -> lookUp(id), Optional.<User>empty());
            if (cached.isPresent()) {
                return cached;
            }
            return load.get();
        }
    }
}
