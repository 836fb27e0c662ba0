package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> inFlight = loading.putIfAbsent(id, mine);
        if (inFlight != null) {
            return inFlight.join();
        }
        try {
            Optional<User> loaded = safely(() -> lookUp(id), Optional.<User>empty());
            if (loaded.isEmpty()) {
                loaded = load.get();
            }
            mine.complete(loaded);
            return loaded;
        } finally {
            // Wrong: a load that throws leaves its future never completed, and its waiters on join() for ever.
            loading.remove(id, mine);
        }
    }
}
