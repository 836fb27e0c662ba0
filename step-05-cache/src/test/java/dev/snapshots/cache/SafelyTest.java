package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code safely} on the class, with calls that fail the way the test says: a failure of Redis
 * falls back at once, on the first try; a bug in the cache's own code still shows.
 */
@Tag("5.4")
@DisplayName("5.4 Only a Redis failure falls back, at once: a bug still shows")
class SafelyTest {

    /** Nothing here reaches Redis: the calls handed to safely() fail by themselves. */
    private final CachedUserRepository users =
            new CachedUserRepository(new CountingDatabase(), null, Duration.ofSeconds(60));

    @Test
    void a_redis_failure_falls_back_but_a_bug_in_the_cache_code_shows() {
        for (RuntimeException redisDown : List.of(
                new JedisConnectionException("connection refused (a test's)"),
                new JedisDataException("OOM command not allowed (a test's)"))) {
            AtomicReference<String> answer = new AtomicReference<>();
            Throwable thrown = catchThrowable(() -> answer.set(users.safely(
                    () -> {
                        throw redisDown;
                    },
                    "fallback")));
            assertThat(thrown)
                    .as("5.4: safely() of a call that failed with %s (Redis down or refusing: fall back)", redisDown)
                    .isNull();
            assertThat(answer.get())
                    .as("5.4: what safely() answered for a call that failed with %s", redisDown)
                    .isEqualTo("fallback");
        }
        for (RuntimeException bug : List.of(
                new IllegalStateException("a User that does not serialise (a test's)"),
                new NullPointerException("a bug in the cache code (a test's)"))) {
            AtomicReference<String> answer = new AtomicReference<>();
            Throwable thrown = catchThrowable(() -> answer.set(users.safely(
                    () -> {
                        throw bug;
                    },
                    "fallback")));
            assertThat(thrown)
                    .as(
                            "5.4: safely() of a call that failed with %s answered %s (catch Redis's failures,"
                                    + " JedisException, not every RuntimeException: a bug must show, not pass for a"
                                    + " cache that is down)",
                            bug, answer.get())
                    .isSameAs(bug);
        }
    }

    @Test
    void a_failed_cache_call_is_tried_once() {
        for (RuntimeException redisDown : List.of(
                new JedisConnectionException("read timed out (a test's)"),
                new JedisDataException("OOM command not allowed (a test's)"))) {
            AtomicInteger tries = new AtomicInteger();
            Throwable thrown = catchThrowable(() -> users.safely(
                    () -> {
                        tries.incrementAndGet();
                        throw redisDown;
                    },
                    "fallback"));
            assertThat(thrown)
                    .as("5.4: safely() of a call that failed with %s", redisDown)
                    .isNull();
            assertThat(tries.get())
                    .as(
                            "5.4: tries of one cache call that failed with %s (a dead or slow Redis costs a"
                                    + " time-out per try: fall back at once, never try again)",
                            redisDown)
                    .isEqualTo(1);
        }
    }
}
