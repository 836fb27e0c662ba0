package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.domain.User;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * {@code afterWrite} on the class, with a database the test controls and the test's own view of
 * Redis: both answers of a write leave no stale copy, the copy is replaced in one command, and it is
 * fresh when {@code rename} returns.
 */
@Tag("5.3")
@DisplayName("5.3 After a write, the copy is replaced at once and in one step, or removed")
class AfterWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(60);

    private static RedisServer server;
    private static Jedis admin;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.startTemporary(List.of());
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
    void a_rename_that_finds_no_row_leaves_no_copy_behind() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            admin.setex("user:1", 60, JSON.writeValueAsString(database.user(1))); // a copy, cached earlier
            database.gone = true; // the user was deleted since

            Optional<User> renamed = users.rename(1, "Countess Lovelace");

            assertThat(renamed)
                    .as("set-up: the database found no row to rename")
                    .isEmpty();
            assertThat(admin.get("user:1"))
                    .as("5.3: the copy of user 1 after a rename the database found no row for (an empty"
                            + " answer means the user is gone: delete the copy, or it is served for a whole TTL)")
                    .isNull();
            int before = database.loads.get();
            assertThat(users.findById(1))
                    .as("5.3: a read of user 1, gone from the database, after that rename")
                    .isEmpty();
            assertThat(database.loads.get() - before)
                    .as("5.3: database reads for that read (it must miss in the cache)")
                    .isEqualTo(1);
        }
    }

    @Test
    void a_rename_replaces_the_copy_in_one_command_never_deleting_it_first() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server);
                KeyEvents events = KeyEvents.listen(server, "user:1")) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            users.findById(1); // now cached, as "Ada"
            assertThat(events.since("user:1"))
                    .as("set-up: what Redis did to user:1 on the first read (a miss, then a copy kept)")
                    .contains("set");

            users.rename(1, "Countess Lovelace");
            List<String> duringTheRename = events.since("user:1");

            assertThat(duringTheRename)
                    .as(
                            "5.3: what Redis did to user:1 during a rename that found the user: %s (replace the"
                                    + " copy in one command, with its TTL, as store() does: a DEL first opens a moment in"
                                    + " which a reader misses and caches an older row, from a replica behind)",
                            duringTheRename)
                    .doesNotContain("del")
                    .contains("set", "expire");
            assertThat(JSON.readValue(admin.get("user:1"), User.class).name())
                    .as("5.3: the name in the copy of user 1 after the rename")
                    .isEqualTo("Countess Lovelace");
        }
    }

    @Test
    void the_copy_is_fresh_when_rename_returns_written_by_the_caller_not_in_the_background() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (TestRedis.Recording redis = TestRedis.recording(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis.client(), TTL);
            users.findById(1); // now cached, as "Ada"
            redis.clear();

            users.rename(1, "Countess Lovelace");
            List<TestRedis.Command> doneWhenItReturned = redis.commands();
            String copy = admin.get("user:1");

            Thread caller = Thread.currentThread();
            assertThat(doneWhenItReturned)
                    .as(
                            "5.3: the Redis commands done when rename() returned, on %s: %s (the rename's answer"
                                    + " means \"visible now\": write the copy before returning, not in the background)",
                            caller.getName(), doneWhenItReturned)
                    .anySatisfy(command -> assertThat(command.key()).isEqualTo("user:1"))
                    .allSatisfy(command -> assertThat(command.thread()).isSameAs(caller));
            assertThat(copy == null ? null : JSON.readValue(copy, User.class).name())
                    .as("5.3: the name in the copy of user 1 read right after rename() returned (%s)", copy)
                    .isEqualTo("Countess Lovelace");
        }
    }
}
