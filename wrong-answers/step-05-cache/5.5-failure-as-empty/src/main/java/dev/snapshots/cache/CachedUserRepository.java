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
        } catch (RuntimeException e) {
            // Wrong: the waiters are released, but told "no such user" instead of the failure.
            mine.complete(Optional.empty());
            throw e;
        } finally {
            loading.remove(id, mine);
        }
    }
}
