package dev.snapshots.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.metrics.TierMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cache tier in front of the data tier, for reading users by id: cache-aside. The web tier asks
 * this repository; it answers from Redis when it can, and otherwise from the database, keeping a
 * copy in Redis for the next reader. Everything else passes straight through to the database.
 */
public final class CachedUserRepository implements UserRepository {

    static final ObjectMapper JSON = new ObjectMapper();

    private final UserRepository database;
    private final RedisClient redis;
    private final Duration ttl;
    /** The loads in flight, by user id: later misses wait for these instead of reading the database. */
    private final Map<Long, CompletableFuture<Optional<User>>> loading = new ConcurrentHashMap<>();

    /** Where each lookup is counted as a hit or a miss (step 11); null: nowhere. */
    private final MeterRegistry registry;

    public CachedUserRepository(UserRepository database, RedisClient redis, Duration ttl) {
        this(database, redis, ttl, null);
    }

    /** The same, counting its hits and misses in {@code registry} (exercise 11.2). */
    public CachedUserRepository(UserRepository database, RedisClient redis, Duration ttl, MeterRegistry registry) {
        this.database = database;
        this.redis = redis;
        this.ttl = ttl;
        this.registry = registry;
    }

    /** The Redis key of a user's cached copy. */
    static String key(long id) {
        return "user:" + id;
    }

    @Override
    public Optional<User> findById(long id) {
        Optional<User> cached = safely(() -> lookUp(id), Optional.empty());
        if (registry != null) {
            TierMeters.cacheLookup(registry, cached.isPresent());
        }
        if (cached.isPresent()) {
            return cached;
        }
        return loadOnce(id, () -> {
            Optional<User> loaded = database.findById(id);
            loaded.ifPresent(user -> safely(
                    () -> {
                        store(user);
                        return null;
                    },
                    null));
            return loaded;
        });
    }

    @Override
    public Optional<User> rename(long id, String name) {
        Optional<User> renamed = database.rename(id, name);
        safely(
                () -> {
                    afterWrite(id, renamed);
                    return null;
                },
                null);
        return renamed;
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        return database.save(name, email, passwordHash);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return database.findByEmail(email);
    }

    @Override
    public List<User> newest(long before, int limit) {
        // A list changes with every sign-up: not worth caching, and the cache holds users by id only.
        return database.newest(before, limit);
    }

    @Override
    public long count() {
        return database.count();
    }

    /** The user's cached copy in Redis ({@link #key}, JSON), or empty on a miss. */
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

    /** Keeps a copy of {@code user} in Redis for {@link #ttl}, after which Redis forgets it by itself. */
    void store(User user) {
        try {
            redis.setex(key(user.id()), Math.max(1, ttl.toSeconds()), JSON.writeValueAsString(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a User always serialises", e);
        }
    }

    /**
     * The user changed in the database, which answered with the {@code fresh} row (empty: the user
     * is gone). From now on nobody may read the old copy: replace it with the fresh one, or delete it.
     * (Only deleting would let the next miss read a replica that has not applied the change yet, and
     * cache the old row again.)
     */
    void afterWrite(long id, Optional<User> fresh) {
        if (fresh.isPresent()) {
            store(fresh.get());
        } else {
            redis.del(key(id));
        }
    }

    /**
     * Runs a call to Redis. The cache is an optimisation, never a dependency: when Redis cannot be
     * reached (any {@code redis.clients.jedis.exceptions.JedisException}), return {@code fallback}
     * instead of failing the request.
     */
    <T> T safely(Supplier<T> cacheCall, T fallback) {
        try {
            return cacheCall.get();
        } catch (JedisException unreachable) {
            // Connection refused, timed out, pool exhausted: answer from the database instead.
            return fallback;
        }
    }

    /**
     * Loads a user from the database after a miss. When many requests miss on the same user at
     * once, only one of them reads the database; the others wait for its answer and share it.
     */
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
