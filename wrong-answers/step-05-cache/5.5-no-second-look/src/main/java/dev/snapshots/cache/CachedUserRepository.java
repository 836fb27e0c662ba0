package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> inFlight = loading.putIfAbsent(id, mine);
        if (inFlight != null) {
            return inFlight.join();
        }
        try {
            // Wrong: the loader loads at once; a request that missed just before the previous load
            // finished (and was removed) reads the database a second time.
            Optional<User> loaded = load.get();
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(id, mine);
        }
    }
}
