package dev.snapshots.cache;

public final class CachedUserRepository implements UserRepository {

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        // Wrong: look, then claim: two misses at the same moment both find nothing and both load.
        CompletableFuture<Optional<User>> inFlight = loading.get(id);
        if (inFlight != null) {
            return inFlight.join();
        }
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        loading.put(id, mine);
        try {
            Optional<User> loaded = safely(() -> lookUp(id), Optional.<User>empty());
            if (loaded.isEmpty()) {
                loaded = load.get();
            }
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
