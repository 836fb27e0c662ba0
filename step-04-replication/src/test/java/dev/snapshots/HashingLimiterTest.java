package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.snapshots.domain.HashingBusyException;
import dev.snapshots.domain.HashingLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Not an exercise: the bound on password hashing that every web server keeps. Over HTTP, whether
 * eight hashes overlap is up to the scheduler; here eight threads leave one start line together and
 * call the limiter itself, with work that holds its turn until the test lets go.
 */
@DisplayName("Password hashing is bounded: past the limit, a quick refusal instead of a queue")
class HashingLimiterTest {

    private static final int THREADS = 8;

    @Test
    void eight_hashes_at_once_on_a_limit_of_two_run_two_and_refuse_six_without_waiting_for_them() throws Exception {
        HashingLimiter limiter = new HashingLimiter(2, Duration.ofMillis(100));
        CountDownLatch startLine = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // Holders whose count is in mostAtOnce: a thread paused between the two updates (a busy
        // machine) must not let the test read the most before it is recorded.
        AtomicInteger holding = new AtomicInteger();
        Queue<Long> refusedAfterMillis = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> ran = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ran.add(threads.submit(() -> {
                    startLine.await();
                    long start = System.nanoTime();
                    try {
                        return limiter.run(() -> {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            holding.incrementAndGet();
                            awaitQuietly(letGo);
                            running.decrementAndGet();
                            return true;
                        });
                    } catch (HashingBusyException e) {
                        refusedAfterMillis.add((System.nanoTime() - start) / 1_000_000);
                        return false;
                    }
                }));
            }
            startLine.countDown();
            // Every thread settles while the two holders still hold: running, or refused.
            await("every thread running or refused, none still waiting for a turn")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> holding.get() + refusedAfterMillis.size() == THREADS);

            assertThat(mostAtOnce.get())
                    .as("hashes running at once on a limit of 2 (%d refused)", refusedAfterMillis.size())
                    .isEqualTo(2);
            // No turn came free before every refusal (the holders hold until letGo, below), so a
            // refused hash did not wait for one. Its wait is bounded with room for a busy machine:
            // the limiter's is 100 ms, and a JVM short of CPU can take seconds to wake a thread.
            assertThat(refusedAfterMillis)
                    .as("each refusal's wait in ms: a short wait, not until a turn came free")
                    .hasSize(THREADS - 2)
                    .allSatisfy(millis -> assertThat(millis).isLessThan(10_000));
            letGo.countDown();
            int completed = 0;
            for (Future<Boolean> result : ran) {
                completed += result.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(completed).as("hashes that ran to the end").isEqualTo(2);
            assertThat(limiter.run(() -> "again"))
                    .as("the turns are given back once the hashes end")
                    .isEqualTo("again");
        } finally {
            letGo.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void a_hash_waits_for_a_turn_that_comes_free_within_the_wait() throws Exception {
        // A wait far longer than the test needs: the turn comes free in milliseconds, or in seconds
        // on a machine short of CPU, and either way within it.
        HashingLimiter limiter = new HashingLimiter(1, Duration.ofSeconds(30));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = new Thread(() -> limiter.run(() -> {
            holding.countDown();
            awaitQuietly(letGo);
            return null;
        }));
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS))
                .as("the holder got the one turn")
                .isTrue();
        List<Object> outcome = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                outcome.add(limiter.run(() -> "ran after waiting"));
            } catch (RuntimeException e) {
                outcome.add(e);
            }
        });
        waiter.start();
        // Parked on the limiter (or already refused, which the assertion below reports).
        await().atMost(Duration.ofSeconds(15))
                .until(() -> waiter.getState() == Thread.State.TIMED_WAITING || !waiter.isAlive());
        letGo.countDown();
        waiter.join(15_000);
        holder.join(15_000);

        assertThat(outcome)
                .as("a hash that found the one turn taken, then free within its wait")
                .containsExactly("ran after waiting");
    }

    @Test
    void a_hash_that_fails_gives_its_turn_back() {
        HashingLimiter limiter = new HashingLimiter(1, Duration.ofMillis(10));

        assertThatThrownBy(() -> limiter.run(() -> {
                    throw new IllegalStateException("the hasher broke");
                }))
                .hasMessage("the hasher broke");
        String next;
        try {
            next = limiter.run(() -> "next");
        } catch (HashingBusyException e) {
            next = "refused: " + e.getMessage();
        }
        assertThat(next)
                .as("the next hash after one that threw: its turn must have been given back")
                .isEqualTo("next");
    }

    @Test
    void the_sites_limit_is_one_hash_per_core() {
        assertThat(HashingLimiter.perCore().limit())
                .as("permits of the site's limiter")
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
