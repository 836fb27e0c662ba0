package dev.snapshots.cache;

import dev.snapshots.redis.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The cache tests' own connections to a Redis server, with time-outs for a slow machine: the web
 * tier's 100 ms ones (RedisClients) are the system's promise, proved by CacheDownTest, not what these
 * tests are about. A copy that a busy machine failed to write in 100 ms must not decide a verdict.
 */
final class TestRedis {

    private static final int ROOMY_MILLIS = 10_000;

    private TestRedis() {}

    /** The test's own connection: plants copies, reads them back, configures the server. */
    static Jedis admin(RedisServer server) {
        return new Jedis(new HostAndPort("127.0.0.1", server.port()), config(server, ROOMY_MILLIS));
    }

    /** A connection that waits as long as it must: a subscriber's, which reads only when Redis has news. */
    static Jedis patient(RedisServer server) {
        return new Jedis(new HostAndPort("127.0.0.1", server.port()), config(server, 0));
    }

    /** A client for the repository under test, like RedisClients's but with roomy time-outs. */
    static RedisClient client(RedisServer server) {
        return RedisClient.builder()
                .hostAndPort("127.0.0.1", server.port())
                .clientConfig(config(server, ROOMY_MILLIS))
                .build();
    }

    /**
     * A client for the repository under test that writes down each command it ran, once Redis has
     * answered it, with the thread that ran it: so a test can say what a method did to Redis before
     * it returned, and on which thread.
     */
    static Recording recording(RedisServer server) {
        return new Recording(server);
    }

    /** One command a {@link Recording} client ran: its name ("SETEX"), its first key, its thread. */
    record Command(String name, String key, Thread thread) {
        @Override
        public String toString() {
            return name + " " + key + " (on " + thread.getName() + ")";
        }
    }

    static final class Recording implements AutoCloseable {

        private final List<Command> commands = new CopyOnWriteArrayList<>();
        private final RedisClient client;

        private Recording(RedisServer server) {
            PooledConnectionProvider connections = new PooledConnectionProvider(
                    new HostAndPort("127.0.0.1", server.port()), config(server, ROOMY_MILLIS));
            CommandExecutor running = new DefaultCommandExecutor(connections);
            CommandExecutor recording = new CommandExecutor() {
                @Override
                public <T> T executeCommand(CommandObject<T> command) {
                    try {
                        return running.executeCommand(command);
                    } finally {
                        commands.add(commandOf(command));
                    }
                }

                @Override
                public void close() throws Exception {
                    running.close();
                }
            };
            this.client = RedisClient.builder()
                    .connectionProvider(connections)
                    .commandExecutor(recording)
                    .build();
        }

        RedisClient client() {
            return client;
        }

        /** The commands run so far (answered, or failed), in the order they ended. */
        List<Command> commands() {
            return List.copyOf(commands);
        }

        void clear() {
            commands.clear();
        }

        @Override
        public void close() {
            client.close();
        }

        private static Command commandOf(CommandObject<?> command) {
            String name = new String(command.getArguments().getCommand().getRaw(), StandardCharsets.UTF_8);
            List<Object> keys = command.getArguments().getKeys();
            String key = keys.isEmpty() ? "" : text(keys.get(0));
            return new Command(name, key, Thread.currentThread());
        }

        private static String text(Object key) {
            return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
        }
    }

    private static JedisClientConfig config(RedisServer server, int timeoutMillis) {
        return DefaultJedisClientConfig.builder()
                .password(server.password())
                .connectionTimeoutMillis(ROOMY_MILLIS)
                .socketTimeoutMillis(timeoutMillis)
                .build();
    }
}
