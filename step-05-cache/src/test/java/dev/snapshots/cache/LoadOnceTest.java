package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.domain.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The single flight on the class, one request at a time, so that no timing decides: it holds only
 * the loads in flight (a finished or failed load is forgotten), and its loader looks in the cache
 * once more before it reads the database.
 */
@Tag("5.5")
@DisplayName("5.5 The single flight holds loads in flight only, and looks in the cache once more first")
class LoadOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(60);

    private static CacheServer server;
    private static Jedis admin;

    @BeforeAll
    static void startRedis() {
        server = CacheServer.startTemporary(List.of());
        admin = TestRedis.admin(server);
    }

    @AfterAll
    static void stopRedis() {
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        admin.flushAll();
    }

    @Test
    void after_a_load_has_finished_the_next_miss_reads_the_database_again() {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            users.findById(1);
            admin.del("user:1"); // the TTL has passed (or Redis was flushed)
            database.name = "Countess Lovelace"; // and the user changed meanwhile

            Optional<User> again = users.findById(1);

            assertThat(database.loads.get())
                    .as("5.5: database reads for two misses on user 1, one after the other (a finished load"
                            + " must leave the map of loads in flight, or it answers every later miss from memory)")
                    .isEqualTo(2);
            assertThat(again.map(User::name))
                    .as("5.5: user 1's name read after the copy expired and the user changed")
                    .contains("Countess Lovelace");
        }
    }

    @Test
    void a_failed_load_is_forgotten_the_next_miss_tries_the_database_again() {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            database.failing = true;
            assertThat(catchThrowable(() -> users.findById(1)))
                    .as("set-up: a read while the database fails")
                    .isNotNull();
            database.failing = false; // the database is back

            Throwable thrown = catchThrowable(() -> users.findById(1));

            assertThat(thrown)
                    .as("5.5: a read of user 1 once the database is back, after a failed load of it (a"
                            + " failed load must leave the map too, or its error answers every later miss)")
                    .isNull();
            assertThat(database.loads.get())
                    .as("5.5: database reads for a failed load and the read after it")
                    .isEqualTo(2);
        }
    }

    @Test
    void the_loader_looks_in_the_cache_once_more_before_reading_the_database() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            User cached = database.user(1);
            // A request missed, and before it reached loadOnce another request's load kept this copy.
            admin.setex("user:1", 60, JSON.writeValueAsString(cached));
            AtomicInteger loads = new AtomicInteger();

            Optional<User> loaded = users.loadOnce(1, () -> {
                loads.incrementAndGet();
                return database.findById(1);
            });

            assertThat(loads.get())
                    .as("5.5: loads run by loadOnce(1) while user 1's copy is in Redis (the loader looks in the"
                            + " cache once more first: a load may have finished since this request missed)")
                    .isZero();
            assertThat(loaded).as("5.5: what loadOnce(1) answered").contains(cached);
        }
    }
}
