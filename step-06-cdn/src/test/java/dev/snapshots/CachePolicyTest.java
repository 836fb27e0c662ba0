package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.cache.CachePolicy;
import dev.snapshots.redis.RedisServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

@DisplayName("Carried from step 05 · The cache tier has a memory limit and evicts the least recently used keys")
class CachePolicyTest {

    @Test
    void redis_runs_with_a_32_MB_limit_and_allkeys_lru() {
        try (RedisServer server = RedisServer.startTemporary(CachePolicy.redisSettings());
                Jedis admin = roomyClient(server)) {
            Map<String, String> maxmemory = admin.configGet("maxmemory");
            Map<String, String> policy = admin.configGet("maxmemory-policy");

            assertThat(maxmemory)
                    .as("CONFIG GET maxmemory")
                    .containsEntry("maxmemory", Long.toString(32L * 1024 * 1024));
            assertThat(policy).as("CONFIG GET maxmemory-policy").containsEntry("maxmemory-policy", "allkeys-lru");
        }
    }

    @Test
    void writing_more_than_the_limit_evicts_old_keys_instead_of_failing() {
        try (RedisServer server = RedisServer.startTemporary(CachePolicy.redisSettings());
                Jedis redis = roomyClient(server)) {
            String value = "x".repeat(100_000);
            List<Object> replies;
            try (Pipeline fill = redis.pipelined()) { // one stream of writes, not 500 round trips
                for (int i = 0; i < 500; i++) {
                    fill.set("filler:" + i, value); // 50 MB in all: more than the cache may hold
                }
                replies = fill.syncAndReturnAll();
            }
            long kept = redis.dbSize();

            assertThat(replies)
                    .as("replies to 500 SETs of 100 kB (an error: a write refused instead of an old key evicted)")
                    .hasSize(500)
                    .allMatch("OK"::equals);

            assertThat(kept)
                    .as("of 500 keys of 100 kB, the ones still in a 32 MB cache")
                    .isBetween(100L, 330L);
            assertThat(redis.get("filler:499")).as("the newest key is kept").isNotNull();
        }
    }

    @Test
    void a_stopped_cache_server_leaves_nothing_listening() {
        int port;
        try (RedisServer server = RedisServer.startTemporary(CachePolicy.redisSettings())) {
            port = server.port();
            assertThat(listening(port)).as("redis-server listens while it runs").isTrue();
        }
        await("the redis-server process for port " + port + " has ended")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !listening(port)
                        && ProcessHandle.allProcesses()
                                .map(p -> p.info().commandLine().orElse(""))
                                .noneMatch(line ->
                                        line.contains("redis-server") && line.contains(Integer.toString(port))));
    }

    /**
     * The test's own connection, with time-outs for a slow machine: RedisClients's 100 ms are the web
     * tier's promise (exercise 5.3), not what this test proves.
     */
    private static Jedis roomyClient(RedisServer server) {
        return new Jedis(
                new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder()
                        .password(server.password())
                        .connectionTimeoutMillis(10_000)
                        .socketTimeoutMillis(10_000)
                        .build());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
