package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        // Wrong: the load runs inside computeIfAbsent, holding the map's lock on that bin (and the
        // whole table while it resizes); the others block on it, then get the finished future.
        CompletableFuture<Optional<User>> done = loading.computeIfAbsent(id, key -> {
            Optional<User> loaded = safely(() -> lookUp(id), Optional.<User>empty());
            return CompletableFuture.completedFuture(loaded.isPresent() ? loaded : load.get());
        });
        try {
            return done.join();
        } finally {
            loading.remove(id, done);
        }
    }
}
