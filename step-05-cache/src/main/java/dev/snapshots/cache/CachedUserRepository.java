package dev.snapshots.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;

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

    public CachedUserRepository(UserRepository database, RedisClient redis, Duration ttl) {
        this.database = database;
        this.redis = redis;
        this.ttl = ttl;
    }

    /** The Redis key of a user's cached copy. */
    static String key(long id) {
        return "user:" + id;
    }

    @Override
    public Optional<User> findById(long id) {
        Optional<User> cached = safely(() -> lookUp(id), Optional.empty());
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
    public long count() {
        return database.count();
    }

    /** The user's cached copy in Redis ({@link #key}, JSON), or empty on a miss. */
    Optional<User> lookUp(long id) {
        // TODO 5.2: redis.get(key(id)); null is a miss; otherwise JSON.readValue(..., User.class).
        throw new UnsupportedOperationException("TODO 5.2: read a user from the cache (CachedUserRepository.lookUp)");
    }

    /** Keeps a copy of {@code user} in Redis for {@link #ttl}, after which Redis forgets it by itself. */
    void store(User user) {
        // TODO 5.2: redis.setex(key, ttl in seconds, JSON.writeValueAsString(user)).
        throw new UnsupportedOperationException("TODO 5.2: put a user in the cache (CachedUserRepository.store)");
    }

    /**
     * The user changed in the database, which answered with the {@code fresh} row (empty: the user
     * is gone). From now on nobody may read the old copy: replace it with the fresh one, or delete it.
     * (Only deleting would let the next miss read a replica that has not applied the change yet, and
     * cache the old row again.)
     */
    void afterWrite(long id, Optional<User> fresh) {
        // TODO 5.3: store(fresh user) when present, otherwise redis.del(key(id)).
        throw new UnsupportedOperationException(
                "TODO 5.3: keep the cache right after a write (CachedUserRepository.afterWrite)");
    }

    /**
     * Runs a call to Redis. The cache is an optimisation, never a dependency: when Redis cannot be
     * reached (any {@code redis.clients.jedis.exceptions.JedisException}), return {@code fallback}
     * instead of failing the request.
     */
    <T> T safely(Supplier<T> cacheCall, T fallback) {
        // TODO 5.4: catch the failures of an unreachable or slow Redis and return fallback.
        return cacheCall.get();
    }

    /**
     * Loads a user from the database after a miss. When many requests miss on the same user at
     * once, only one of them reads the database; the others wait for its answer and share it.
     */
    Optional<User> loadOnce(long id, Supplier<Optional<User>> load) {
        // TODO 5.5: one load in flight per id (a ConcurrentHashMap of CompletableFutures); the others join it.
        //           The one that loads looks in the cache once more first: another load may just have finished.
        return load.get();
    }
}
