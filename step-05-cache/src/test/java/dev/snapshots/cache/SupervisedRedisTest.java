package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A supervised Redis (the demos' servers) that is killed with {@code kill -9} is replaced on the
 * same port, with the same password, by itself; one stopped on purpose stays down. Provided code's
 * test: it passes on the starter.
 */
@DisplayName("A supervised Redis comes back by itself after kill -9")
class SupervisedRedisTest {

    @Test
    @Timeout(60)
    void a_killed_supervised_server_answers_again_within_five_seconds_on_its_port() {
        try (RedisServer server = RedisServer.startTemporary(List.of()).supervise()) {
            long killed = processId(server).orElseThrow();
            ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly); // kill -9

            Long replacement = await(
                            "a redis-server answering on port " + server.port() + " after kill -9 of pid " + killed)
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> processId(server).orElse(killed), pid -> pid != killed);
            assertThat(replacement).as("the new server's process id").isNotEqualTo(killed);

            server.stop();
            await("the server stopped on purpose stays down")
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> processId(server).isEmpty());
        }
    }

    /** The process id the server on {@code server}'s port reports, or empty when none answers. */
    private static Optional<Long> processId(RedisServer server) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .password(server.password())
                .timeoutMillis(500)
                .build();
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()), config)) {
            for (String line : jedis.info("server").split("\r?\n")) {
                if (line.startsWith("process_id:")) {
                    return Optional.of(Long.parseLong(
                            line.substring("process_id:".length()).strip()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }
}
