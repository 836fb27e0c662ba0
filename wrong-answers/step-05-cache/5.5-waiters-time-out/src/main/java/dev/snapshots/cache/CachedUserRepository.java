package dev.snapshots.cache;

import dev.snapshots.redis.RedisClients;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public final class CachedUserRepository implements UserRepository {

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> inFlight = loading.putIfAbsent(id, mine);
        if (inFlight != null) {
            // Wrong: wait no longer than the cache's own time-out, then load yourself.
            try {
                return inFlight.get(RedisClients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                return load.get();
            } catch (ExecutionException | InterruptedException failed) {
                return inFlight.join(); // done (or failed) already: join reports it as the others do
            }
        }
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
