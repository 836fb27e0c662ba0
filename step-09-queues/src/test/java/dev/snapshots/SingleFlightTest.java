package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.cache.CachePolicy;
import dev.snapshots.cache.CachedUserRepository;
import dev.snapshots.domain.DataTierUnavailableException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The single flight itself, on the class, with a database that answers only when the test says so:
 * a load that fails must let every waiter go at once, and a miss on one user must never wait for a
 * load of another.
 */
@DisplayName(
        "Carried from step 05 · One load per user in flight: waiters share its answer or its failure, other users never wait")
class SingleFlightTest {

    private static RedisServer redisServer;
    private static RedisClient redis;

    @BeforeAll
    static void startRedis() {
        redisServer = RedisServer.startTemporary(CachePolicy.redisSettings());
        // This class is about loads in flight, not the cache's 100 ms time-out: a roomy one, so that a
        // machine short of CPU does not fail a connection to the cache.
        redis = RedisClients.connect("127.0.0.1", redisServer.port(), redisServer.password(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.close();
    }

    /** A database whose loads of user 1 wait at a gate; any other user answers at once. */
    static final class GatedDatabase implements UserRepository {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger loadsOfUser1 = new AtomicInteger();
        volatile boolean failing;

        @Override
        public Optional<User> findById(long id) {
            if (id != 1) {
                return Optional.of(new User(id, "other", "other" + id + "@example.com", "hash"));
            }
            loadsOfUser1.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new DataTierUnavailableException("the database went away during the load", null);
            }
            return Optional.of(new User(1, "popular", "popular@example.com", "hash"));
        }

        @Override
        public User save(String name, String email, String passwordHash) {
            throw new UnsupportedOperationException("not in this test");
        }

        @Override
        public Optional<User> findByEmail(String email) {
            return Optional.empty();
        }

        @Override
        public Optional<User> rename(long id, String name) {
            return Optional.empty();
        }

        @Override
        public long count() {
            return 0;
        }
    }

    private static final String READER = "single-flight-reader-";
    private static final AtomicInteger READER_NUMBER = new AtomicInteger();
    private static final ThreadFactory READERS = task -> new Thread(task, READER + READER_NUMBER.incrementAndGet());

    /**
     * Waits until {@code count} readers are parked inside {@code loadOnce} (loading, or waiting for a
     * load). A reader that ends first (a stub of an earlier exercise, say) fails the test at once.
     */
    private static void awaitInsideLoadOnce(int count, List<Future<Optional<User>>> reads) {
        await("set-up: " + count + " readers inside loadOnce")
                .atMost(Duration.ofSeconds(5))
                .failFast(() -> {
                    for (Future<Optional<User>> read : reads) {
                        if (read.isDone()) {
                            read.get(); // throws what ended it
                            throw new AssertionError("a reader returned while the load it needs was held back");
                        }
                    }
                })
                .until(() -> Thread.getAllStackTraces().entrySet().stream()
                                .filter(thread -> thread.getKey().getName().startsWith(READER))
                                .filter(thread -> thread.getKey().getState() != Thread.State.RUNNABLE)
                                .filter(thread -> Arrays.stream(thread.getValue())
                                        .anyMatch(frame -> frame.getMethodName().equals("loadOnce")))
                                .count()
                        >= count);
    }

    @Test
    void a_failed_load_releases_every_waiter_at_once_with_its_error() throws Exception {
        redis.del("user:1");
        GatedDatabase database = new GatedDatabase();
        database.failing = true;
        CachedUserRepository users = new CachedUserRepository(database, redis, Duration.ofSeconds(60));
        ExecutorService readers = Executors.newFixedThreadPool(10, READERS);
        try {
            List<Future<Optional<User>>> reads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reads.add(readers.submit(() -> users.findById(1)));
            }
            awaitInsideLoadOnce(10, reads); // all ten have missed and reached the single flight: now the load fails
            database.gate.countDown();

            int failedWithTheError = 0;
            int stillWaiting = 0;
            for (Future<Optional<User>> read : reads) {
                try {
                    read.get(2, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failedWithTheError++;
                } catch (TimeoutException e) {
                    stillWaiting++;
                }
            }
            assertThat(stillWaiting)
                    .as("readers still waiting 2 s after the one load failed")
                    .isZero();
            assertThat(failedWithTheError)
                    .as("of 10 readers of one failing load, those that got its error")
                    .isEqualTo(10);
            assertThat(database.loadsOfUser1.get())
                    .as("loads of user 1 for 10 concurrent misses")
                    .isEqualTo(1);
        } finally {
            readers.shutdownNow();
        }
    }

    /** How long user 1's held load lasts once its readers wait: longer than the course's clients' time-outs. */
    private static final Duration SLOW_LOAD = Duration.ofMillis(500);

    @Test
    void a_miss_on_another_user_does_not_wait_for_a_load_in_flight() throws Exception {
        redis.del("user:1", "user:2");
        GatedDatabase database = new GatedDatabase();
        CachedUserRepository users = new CachedUserRepository(database, redis, Duration.ofSeconds(60));
        ExecutorService readers = Executors.newFixedThreadPool(6, READERS);
        try {
            List<Future<Optional<User>>> slow = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                slow.add(readers.submit(() -> users.findById(1)));
            }
            awaitInsideLoadOnce(5, slow);
            long held = System.nanoTime();
            Future<Optional<User>> other = readers.submit(() -> users.findById(2));
            Optional<User> user2;
            try {
                user2 = other.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                user2 = null;
            }
            // A slow database: user 1's load ends half a second after its readers began to wait, so
            // that a waiter who gives up on it sooner (and loads too) is counted.
            long left = SLOW_LOAD.toNanos() - (System.nanoTime() - held);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            database.gate.countDown();

            assertThat(user2)
                    .as("user 2, read while a load of user 1 was in flight, within 1 s")
                    .isPresent();
            for (Future<Optional<User>> read : slow) {
                assertThat(read.get(5, TimeUnit.SECONDS))
                        .as("a reader of user 1")
                        .isPresent();
            }
            assertThat(database.loadsOfUser1.get())
                    .as(
                            "loads of user 1 for 5 concurrent misses, its one load lasting %d ms (a reader"
                                    + " that stops waiting for a load in flight and loads too brings the stampede back"
                                    + " when the database is slow, the moment coalescing is for)",
                            SLOW_LOAD.toMillis())
                    .isEqualTo(1);
        } finally {
            readers.shutdownNow();
        }
    }
}
