package dev.snapshots.queue;

import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * The queue tier (step 09): a Redis server of its own, which never evicts a job (see {@link
 * QueueSettings#redisSettings()}), and the photo queue on it. Each worker connects with a
 * connection of its own ({@link #connect}), so that killing one closes nobody else's.
 */
public final class QueueTier implements AutoCloseable {

    /** A Redis that does not answer in this long counts as down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final QueueSettings settings;
    private final RedisServer server;
    private final RedisClient client;
    private final JobQueue jobQueue;

    private QueueTier(QueueSettings settings, RedisServer server, RedisClient client) {
        this.settings = settings;
        this.server = server;
        this.client = client;
        this.jobQueue = new JobQueue(client);
    }

    /** Starts the queue tier's Redis server and connects to it; stops it again if that fails. */
    public static QueueTier start(QueueSettings settings) {
        RedisServer server = RedisServer.startTemporary(QueueSettings.redisSettings());
        try {
            return new QueueTier(
                    settings, server, RedisClients.connect("127.0.0.1", server.port(), server.password(), TIMEOUT));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A connection of its own for the worker {@code clientName}: its blocking reads wait up to the
     * poll, and then some, before they count as a failure.
     */
    public RedisClient connect(String clientName) {
        return RedisClients.connect(
                "127.0.0.1", server.port(), server.password(), settings.poll().plus(TIMEOUT), clientName);
    }

    public QueueSettings settings() {
        return settings;
    }

    /** The photo queue, as the web tier reaches it. */
    public JobQueue jobQueue() {
        return jobQueue;
    }

    /** The queue tier's Redis server (tests stop and start it). */
    public RedisServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
