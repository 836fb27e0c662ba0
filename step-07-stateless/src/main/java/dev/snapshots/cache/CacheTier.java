package dev.snapshots.cache;

import dev.snapshots.domain.UserRepository;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * The cache tier (step 05): a Redis server in front of the data tier, started here with the cache's
 * settings ({@link CachePolicy#redisSettings()}) or reached where it already runs, and how long its
 * entries live. Every web server puts it in front of its own repository ({@link #inFrontOf}).
 */
public final class CacheTier implements AutoCloseable {

    /** The server started here; null for a cache this topology did not start. */
    private final RedisServer server;

    private final RedisClient client;
    private final Duration ttl;

    private CacheTier(RedisServer server, RedisClient client, Duration ttl) {
        this.server = server;
        this.client = client;
        this.ttl = ttl;
    }

    /**
     * Starts a Redis server of its own, on a free port, or uses the one at {@code external} when
     * given (the demo's, started as a process of its own); entries live {@code ttl}, and a web server
     * waits at most {@code timeout} for the cache before it asks the data tier instead.
     */
    public static CacheTier start(RedisConfig external, Duration ttl, Duration timeout) {
        if (external != null) {
            return new CacheTier(
                    null, RedisClients.connect(external.host(), external.port(), external.password(), timeout), ttl);
        }
        RedisServer server = RedisServer.startTemporary(CachePolicy.redisSettings());
        try {
            return new CacheTier(
                    server, RedisClients.connect("127.0.0.1", server.port(), server.password(), timeout), ttl);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code users} behind this cache: reads are asked here first, and the data tier on a miss. */
    public UserRepository inFrontOf(UserRepository users) {
        return new CachedUserRepository(users, client, ttl);
    }

    /** The cache's Redis server; null when this tier did not start it. */
    public RedisServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.close();
        }
    }
}
