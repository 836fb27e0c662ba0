package dev.snapshots.redis;

import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Connections to a Redis server: a small pool of them with short timeouts. The default is the cache
 * tier's, because a cache that answers slowly is worse than no cache. Provided code.
 */
public final class RedisClients {

    /** The default connect and read timeout, the cache's: a cache is worth asking only if it answers fast. */
    public static final Duration TIMEOUT = Duration.ofMillis(100);

    private RedisClients() {}

    /** A client for one of this process's own Redis servers. */
    public static RedisClient connect(RedisServer server) {
        return connect("127.0.0.1", server.port(), server.password());
    }

    /** A client for the Redis server at {@code host:port}, which asks for {@code password}. */
    public static RedisClient connect(String host, int port, String password) {
        return connect(host, port, password, TIMEOUT);
    }

    /**
     * The same with another {@code timeout} for connecting, reading and waiting for a pooled
     * connection: the session tier's (a slow answer there is a slow login, not a cache miss).
     */
    public static RedisClient connect(String host, int port, String password, Duration timeout) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(16);
        pool.setMaxWait(timeout);
        return RedisClient.builder()
                .hostAndPort(host, port)
                .clientConfig(DefaultJedisClientConfig.builder()
                        .password(password)
                        .connectionTimeoutMillis((int) timeout.toMillis())
                        .socketTimeoutMillis((int) timeout.toMillis())
                        .build())
                .poolConfig(pool)
                .build();
    }
}
