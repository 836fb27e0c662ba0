package dev.snapshots.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The cache tier: a real redis-server process (the binary shipped by embedded-redis) on a loopback
 * port, with nothing written to disk. It can be stopped and started again on the same port, and it
 * is stopped when this JVM ends, even after a failure, so no redis-server outlives a run. Provided code.
 */
public final class CacheServer implements AutoCloseable {

    private final int port;
    private final List<String> settings;
    private RedisServer redis;

    private CacheServer(int port, List<String> settings) {
        this.port = port;
        this.settings = settings;
    }

    /** Starts a cache server on a free port with the cache tier's policy. */
    public static CacheServer startTemporary() {
        CacheServer server = new CacheServer(freePort(), CachePolicy.redisSettings());
        server.start();
        return server;
    }

    /** Starts on the given port with the cache tier's policy (the demo's fixed address). */
    public static CacheServer start(int port) {
        CacheServer server = new CacheServer(port, CachePolicy.redisSettings());
        server.start();
        return server;
    }

    /** Starts the server (again, after {@link #stop()}): same port, empty memory. */
    public synchronized void start() {
        if (redis != null) {
            return;
        }
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true);
            settings.forEach(builder::setting);
            redis = builder.build();
            redis.start();
        } catch (IOException e) {
            redis = null;
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    /** Kills the server: connections break, every cached key is gone. */
    public synchronized void stop() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                redis = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return redis != null && redis.isActive();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
