package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.domain.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.4")
@DisplayName(
        "13.4 Hot keys: a key read 10,000 times is loaded a handful of times, a write is seen at once, a copy goes stale, and 10,000 cold keys keep nothing")
class HotKeysTest {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration KEEP = Duration.ofMillis(250);

    private static User user(long id, String name) {
        return new User(id, name, "u" + id + "@example.com", "hash");
    }

    @Test
    void a_hot_key_is_answered_from_its_copy_until_the_copy_goes_stale_or_the_key_is_written() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        HotKeys hot = new HotKeys(100, WINDOW, KEEP, 64, clock::get);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            hot.read(42, () -> {
                loads.incrementAndGet();
                return Optional.of(user(42, "Celebrity"));
            });
            clock.addAndGet(10_000); // 10 µs a read: 10,000 reads in 100 ms
        }
        assertThat(loads.get())
                .as("13.4: loads from the shard for 10,000 reads of one key in 100 ms (hot past 100 reads)")
                .isBetween(101, 110);
        clock.addAndGet(KEEP.toNanos());
        hot.read(42, () -> {
            loads.incrementAndGet();
            return Optional.of(user(42, "Celebrity"));
        });
        assertThat(loads.get())
                .as("13.4: a read after the copy's 250 ms goes to the shard again")
                .isGreaterThanOrEqualTo(102);

        {
            AtomicLong laterClock = new AtomicLong(5_000_000_000L);
            HotKeys other = new HotKeys(100, WINDOW, KEEP, 64, laterClock::get);
            String[] name = {"Before"};
            for (int i = 0; i < 500; i++) {
                other.read(7, () -> Optional.of(user(7, name[0])));
            }
            name[0] = "After";
            other.forget(7);
            assertThat(other.read(7, () -> Optional.of(user(7, name[0]))).map(User::name))
                    .as("13.4: the name read right after a rename of a other user (its copy must be dropped)")
                    .contains("After");
        }
    }

    @Test
    void no_more_than_capacity_keys_are_kept_cold_keys_never_and_keys_cool_down() {
        AtomicLong clock = new AtomicLong(20_000_000_000L);
        HotKeys hot = new HotKeys(2, WINDOW, Duration.ofSeconds(10), 8, clock::get);
        AtomicInteger loads = new AtomicInteger();
        for (int round = 0; round < 5; round++) {
            for (long id = 1; id <= 50; id++) {
                long key = id;
                hot.read(key, () -> {
                    loads.incrementAndGet();
                    return Optional.of(user(key, "U"));
                });
            }
        }
        // Rounds 1–3 load all 50; from the 3rd read on, only 8 keys may be kept: 42 keys load every time.
        assertThat(loads.get())
                .as("13.4: loads for 5 rounds of 50 keys, hot from their 3rd read, at most 8 kept")
                .isEqualTo(3 * 50 + 2 * 42);

        {
            AtomicLong laterClock = new AtomicLong(9_000_000_000L);
            HotKeys other = new HotKeys(100, WINDOW, KEEP, 64, laterClock::get);
            AtomicInteger otherLoads = new AtomicInteger();
            for (long id = 1; id <= 10_000; id++) {
                long key = id;
                other.read(key, () -> {
                    otherLoads.incrementAndGet();
                    return Optional.of(user(key, "U"));
                });
            }
            assertThat(otherLoads.get())
                    .as("13.4: otherLoads for 10,000 keys read once each")
                    .isEqualTo(10_000);
            // 90 reads of key 5 in one window, 90 in the next: never more than 100 in a window.
            for (int window = 0; window < 2; window++) {
                for (int i = 0; i < 90; i++) {
                    other.read(5, () -> {
                        otherLoads.incrementAndGet();
                        return Optional.of(user(5, "U"));
                    });
                }
                laterClock.addAndGet(WINDOW.toNanos());
            }
            assertThat(otherLoads.get())
                    .as(
                            "13.4: otherLoads after 90 reads of one key in each of two windows (never other: counts start again"
                                    + " each window)")
                    .isEqualTo(10_000 + 180);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void reads_from_many_threads_at_once_are_each_counted() throws Exception {
        // A web server reads the celebrity from many threads at once, which is exactly when she is hot:
        // every read must count. One read opens the window, then 8 threads read at once, from a start
        // gate, until the key has been read exactly `threshold` times: not hot yet, every read loaded.
        int threads = 8;
        int perThread = 2_500;
        int threshold = 1 + threads * perThread;
        AtomicLong clock = new AtomicLong(30_000_000_000L); // stopped: one window, and a copy never stale
        HotKeys hot = new HotKeys(threshold, WINDOW, KEEP, 64, clock::get);
        AtomicInteger loads = new AtomicInteger();
        Supplier<Optional<User>> load = () -> {
            loads.incrementAndGet();
            return Optional.of(user(99, "Celebrity"));
        };
        hot.read(99, load);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                readers.add(pool.submit(() -> {
                    gate.await();
                    for (int i = 0; i < perThread; i++) {
                        hot.read(99, load);
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> reader : readers) {
                reader.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads.get())
                .as(
                        "13.4: loads for %d reads of one key (%d of them from %d threads at once), hot only past %d",
                        threshold, threads * perThread, threads, threshold)
                .isEqualTo(threshold);
        hot.read(99, load); // past the threshold: loaded, and kept
        hot.read(99, load); // from the copy
        assertThat(loads.get() - threshold)
                .as(
                        "13.4: loads for the 2 reads after %d: the first is past the threshold and keeps a copy, the"
                                + " second is answered from it (2: reads counted at once were lost, and the key is"
                                + " not hot yet)",
                        threshold)
                .isEqualTo(1);
    }
}
