package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import redis.clients.jedis.RedisClient;

/**
 * {@code loadOnce} itself, raced: eight threads leave one start line together and miss on the same
 * user, round after round. Claiming the user's load must be one indivisible step: "is anyone
 * loading it? no, then I am" in two steps lets two threads both answer "no" and both read the
 * database. The load waits at a gate until every thread is parked (loading or waiting), so the
 * count of loads is exact.
 */
@Tag("5.5")
@DisplayName("5.5 Eight threads missing on one user at once start exactly one load")
@Isolated("its threads race only when they have both cores to themselves")
class LoadOnceRaceTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    private static CacheServer redisServer;
    private static RedisClient redis;

    @BeforeAll
    static void startRedis() {
        redisServer = CacheServer.startTemporary(List.of());
        redis = CacheClient.connect(redisServer);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.close();
    }

    @Test
    void every_round_reads_the_database_once() throws Exception {
        CachedUserRepository cache = new CachedUserRepository(new NoDatabase(), redis, Duration.ofSeconds(60));
        List<Integer> loadsPerRound = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long id = 1_000 + round;
            AtomicInteger loads = new AtomicInteger();
            AtomicInteger inLoadOnce = new AtomicInteger();
            CountDownLatch gate = new CountDownLatch(1);
            CyclicBarrier startLine = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(
                        () -> {
                            try {
                                startLine.await();
                                inLoadOnce.incrementAndGet();
                                cache.loadOnce(id, () -> {
                                    loads.incrementAndGet();
                                    awaitQuietly(gate);
                                    return Optional.of(new User(id, "Raced", "raced@example.com", "hash"));
                                });
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "load-once-race-" + t);
                thread.start();
                threads.add(thread);
            }
            // Open the gate only once every thread is parked: loading at the gate, or waiting for a load.
            await("5.5: round " + round + ": every thread loading or waiting")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING || !t.isAlive()));
            gate.countDown();
            for (Thread thread : threads) {
                thread.join(5_000);
            }
            loadsPerRound.add(loads.get());
        }

        assertThat(loadsPerRound)
                .as(
                        "5.5: database loads per round, %d threads missing on one user at once, %d rounds (a"
                                + " check-then-put claim lets two threads load)",
                        THREADS, ROUNDS)
                .containsOnly(1);
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loads come from the test's supplier; nothing else may reach the database. */
    private static final class NoDatabase implements UserRepository {
        @Override
        public User save(String name, String email, String passwordHash) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<User> findById(long id) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<User> findByEmail(String email) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<User> rename(long id, String name) {
            throw new AssertionError("not used");
        }

        @Override
        public long count() {
            throw new AssertionError("not used");
        }
    }
}
