package dev.snapshots.session;

import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * The session tier as one module (step 07): a Redis server of its own, never the cache's (see
 * {@link SessionPolicy}), or one reached where it already runs; the sessions kept on it, and the
 * failed-login counts. Every web server shares it: that is what makes them stateless.
 */
public final class SessionStorage implements AutoCloseable {

    /** The server started here; null for a session tier this topology did not start. */
    private final RedisServer server;

    private final RedisClient client;
    private final Duration idleTimeout;
    private final Duration absoluteLifetime;
    private final RedisSessionStore store;
    private final FailureCounter failures;
    /** Connections to the other centre's session tier (step 08), closed with this one. */
    private SessionStorage(RedisServer server, RedisClient client, Duration idleTimeout, Duration absoluteLifetime) {
        this.server = server;
        this.client = client;
        this.idleTimeout = idleTimeout;
        this.absoluteLifetime = absoluteLifetime;
        this.store = new RedisSessionStore(client, idleTimeout, absoluteLifetime, Clock.systemUTC());
        this.failures = new RedisFailureCounter(client);
    }

    /**
     * Starts a Redis server of its own, on a free port, or uses the one at {@code external} when
     * given (set up with {@link SessionPolicy#redisSettings()}); sessions end after {@code
     * idleTimeout} without use and {@code absoluteLifetime} after their login; a web server waits
     * {@code timeout} for the tier to connect or answer ({@link SessionPolicy#TIMEOUT} on the site).
     */
    public static SessionStorage start(
            RedisConfig external, Duration idleTimeout, Duration absoluteLifetime, Duration timeout) {
        if (external != null) {
            return new SessionStorage(null, connect(external, timeout), idleTimeout, absoluteLifetime);
        }
        RedisServer server = RedisServer.startTemporary(SessionPolicy.redisSettings());
        try {
            return new SessionStorage(
                    server,
                    connect(new RedisConfig("127.0.0.1", server.port(), server.password()), timeout),
                    idleTimeout,
                    absoluteLifetime);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static RedisClient connect(RedisConfig redis, Duration timeout) {
        return RedisClients.connect(redis.host(), redis.port(), redis.password(), timeout);
    }

    /** The sessions kept here. */
    public RedisSessionStore store() {
        return store;
    }

    /** The failed-login counts kept here. */
    public FailureCounter failures() {
        return failures;
    }

    /** The connection to the session tier (other counts are kept there too: the active users). */
    public RedisClient client() {
        return client;
    }

    /** The session tier's Redis server; null when this module did not start it. */
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
