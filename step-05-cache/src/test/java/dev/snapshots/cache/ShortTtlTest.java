package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.domain.User;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The read path on the class, with a TTL under a second: Redis's own account of what happened to
 * the key (its keyspace events) says whether a copy was kept, so no clock decides the verdict.
 */
@Tag("5.2")
@DisplayName("5.2 A TTL under one second still keeps a copy, with a TTL")
class ShortTtlTest {

    private static RedisServer server;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.startTemporary(List.of());
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void a_miss_with_a_ttl_of_500_ms_keeps_a_copy_with_a_ttl() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server);
                KeyEvents events = KeyEvents.listen(server, "user:1")) {
            CachedUserRepository users = new CachedUserRepository(database, redis, Duration.ofMillis(500));

            Optional<User> read = users.findById(1);
            List<String> done = events.since("user:1");

            assertThat(read)
                    .as("5.2: findById(1), a miss, with a TTL of 500 ms")
                    .isPresent();
            assertThat(done)
                    .as(
                            "5.2: what Redis did to user:1 when a read missed, with a TTL of 500 ms: %s (no set: no"
                                    + " copy was kept; Duration.ofMillis(500).toSeconds() is 0, which SETEX refuses with"
                                    + " \"invalid expire time\": keep it at least 1)",
                            done)
                    .contains("set", "expire");
        }
    }
}
