package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.exceptions.JedisException;

public final class CachedUserRepository implements UserRepository {

    /** The loads in flight, by user id: later misses wait for these instead of reading the database. */
    private final Map<Long, CompletableFuture<Optional<User>>> loading = new ConcurrentHashMap<>();

    Optional<User> lookUp(long id) {
        String json = redis.get(key(id));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, User.class));
        } catch (JsonProcessingException unreadable) {
            return Optional.empty(); // a copy we cannot read is a miss; the database has the truth
        }
    }

    void store(User user) {
        try {
            redis.setex(key(user.id()), Math.max(1, ttl.toSeconds()), JSON.writeValueAsString(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }

    void afterWrite(long id, Optional<User> fresh) {
        if (fresh.isPresent()) {
            store(fresh.get());
        } else {
            redis.del(key(id));
        }
    }

    <T> T safely(Supplier<T> cacheCall, T fallback) {
        try {
            return cacheCall.get();
        } catch (JedisException unreachable) {
            // Connection refused, timed out, pool exhausted: answer from the database instead.
            return fallback;
        }
    }

    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        CompletableFuture<Optional<User>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<User>> inFlight = loading.putIfAbsent(id, mine);
        if (inFlight != null) {
            return inFlight.join();
        }
        try {
            // Check again: a request that missed just before another load finished must not load twice.
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
