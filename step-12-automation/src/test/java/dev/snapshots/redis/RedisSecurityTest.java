package dev.snapshots.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The cache tier trusts nobody for being on the same machine, and leaves nothing behind: provided
 * code, so these tests pass on the starter (they start Redis without the exercise's policy).
 */
@DisplayName("A Redis server refuses clients without its password and dies with its JVM")
class RedisSecurityTest {

    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServer.startTemporary(List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_client_without_the_password_cannot_read_or_write() {
        try (Jedis stranger = new Jedis(new HostAndPort("127.0.0.1", server.port()), clientWith(null))) {
            assertThatThrownBy(() -> stranger.set("user:1", "{\"name\":\"forged\"}"))
                    .as("SET without AUTH")
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOAUTH");
            assertThatThrownBy(() -> stranger.get("user:1"))
                    .as("GET without AUTH")
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void a_wrong_password_is_refused_and_the_right_one_works() {
        assertThatThrownBy(() -> new Jedis(
                                new HostAndPort("127.0.0.1", server.port()), clientWith(server.password() + "x"))
                        .ping())
                .isInstanceOf(JedisDataException.class);
        try (RedisClient client = RedisClients.connect(server)) {
            client.set("k", "v");
            assertThat(client.get("k")).isEqualTo("v");
        }
    }

    @Test
    void each_server_has_its_own_password_and_the_binary_is_unpacked_once() throws IOException {
        Path binary = RedisServer.RedisBinary.path();
        long unpacked = Files.getLastModifiedTime(binary).toMillis();
        try (RedisServer other = RedisServer.startTemporary(List.of())) {
            assertThat(other.password()).isNotEqualTo(server.password()).hasSizeGreaterThanOrEqualTo(24);
        }
        assertThat(RedisServer.RedisBinary.path())
                .as("the binary of the next start")
                .isEqualTo(binary);
        assertThat(Files.getLastModifiedTime(binary).toMillis())
                .as("the binary is not written again on each start")
                .isEqualTo(unpacked);
        assertThat(binary.toString()).as("where the binary lives").contains("target");
    }

    @Test
    void a_redis_server_dies_with_a_jvm_killed_by_kill_9() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), HoldsARedisServer.class.getName())
                .redirectErrorStream(true)
                .start();
        int port;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the child JVM's first line (its Redis port)").matches("port \\d+");
            port = Integer.parseInt(line.substring("port ".length()));
            assertThat(listening(port))
                    .as("Redis of the child JVM, before the kill")
                    .isTrue();
        } finally {
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
        await("the redis-server of a JVM killed with kill -9 stops listening on port " + port)
                .atMost(Duration.ofSeconds(10))
                .until(() -> !listening(port));
    }

    /** The child JVM of the kill -9 test: starts a cache server, says where, and waits to be killed. */
    static final class HoldsARedisServer {
        public static void main(String[] args) throws InterruptedException {
            RedisServer server = RedisServer.startTemporary(List.of());
            System.out.println("port " + server.port());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(1).toMillis());
        }
    }

    private static DefaultJedisClientConfig clientWith(String password) {
        return DefaultJedisClientConfig.builder()
                .password(password)
                // The test's own time-outs, with room for a slow machine: the answers it waits for
                // (NOAUTH, a wrong password) come at once from a Redis that is up.
                .timeoutMillis(10_000)
                .build();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
