package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("13.1")
@DisplayName(
        "13.1 Snowflake ids: 4 shards × 8 threads make only unique ids, each thread's rising; they carry their time and node, survive 4,096 in a millisecond and a clock that steps back")
class SnowflakeTest {

    private static final int SHARDS = 4;
    private static final int THREADS = 8;
    private static final int IDS = 4_000;

    @Test
    void four_shards_and_eight_threads_each_make_only_unique_rising_ids() throws Exception {
        List<Snowflake> generators = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            generators.add(new Snowflake(shard));
        }
        ExecutorService pool = Executors.newFixedThreadPool(SHARDS * THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> made = new ArrayList<>();
            for (Snowflake generator : generators) {
                for (int t = 0; t < THREADS; t++) {
                    Callable<long[]> task = () -> {
                        start.await();
                        long[] ids = new long[IDS];
                        for (int i = 0; i < IDS; i++) {
                            ids[i] = generator.next();
                        }
                        return ids;
                    };
                    made.add(pool.submit(task));
                }
            }
            start.countDown();
            Set<Long> seen = new HashSet<>();
            long duplicates = 0;
            for (int g = 0; g < made.size(); g++) {
                // Room for a busy machine: the 32 threads' ids take well under a second on a quiet one.
                long[] ids = made.get(g).get(25, TimeUnit.SECONDS);
                long node = g / THREADS;
                for (int i = 0; i < ids.length; i++) {
                    if (!seen.add(ids[i])) {
                        duplicates++;
                    }
                    assertThat(Snowflake.nodeOf(ids[i]))
                            .as("13.1: the node in id %d of shard %d", ids[i], node)
                            .isEqualTo(node);
                    if (i > 0) {
                        assertThat(ids[i])
                                .as("13.1: id %d of a thread of shard %d, after %d", i, node, ids[i - 1])
                                .isGreaterThan(ids[i - 1]);
                    }
                }
            }
            assertThat(duplicates)
                    .as(
                            "13.1: ids made twice, of %d made by %d shards × %d threads",
                            SHARDS * THREADS * IDS, SHARDS, THREADS)
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_id_says_when_and_where_it_was_made() {
        // The generator's own clock, stopped at a known millisecond: the id must say exactly that one.
        long at = Snowflake.EPOCH_MILLIS + 123_456_789_012L;
        long id = new Snowflake(517, () -> at).next();
        assertThat(Snowflake.nodeOf(id)).as("13.1: the node of %d", id).isEqualTo(517);
        assertThat(Snowflake.millisOf(id))
                .as("13.1: the time of %d, made when its generator's clock said %d", id, at)
                .isEqualTo(at);
        assertThat(id).as("13.1: an id is positive (the sign bit stays 0)").isPositive();
    }

    @Test
    void more_than_4096_ids_in_one_millisecond_wait_for_the_next_one() {
        // A clock that moves one millisecond only every 10,000 reads: the sequence runs out first.
        AtomicLong reads = new AtomicLong();
        long base = Snowflake.EPOCH_MILLIS + 1_000_000;
        Snowflake generator = new Snowflake(3, () -> base + reads.incrementAndGet() / 10_000);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 3 * 4_096; i++) {
            long id = generator.next();
            assertThat(seen.add(id))
                    .as("13.1: id %d, the %d-th in a few milliseconds, is new", id, i)
                    .isTrue();
            assertThat(id).as("13.1: id %d after %d", id, previous).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void a_clock_that_steps_back_gives_no_id_twice() {
        long base = Snowflake.EPOCH_MILLIS + 5_000_000;
        long[] now = {base};
        Snowflake generator = new Snowflake(9, () -> now[0]);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 300; i++) {
            // Forward 2 ms, back 5 ms, forward 2 ms …: an NTP correction, over and over.
            now[0] += i % 3 == 2 ? -5 : 2;
            long id = generator.next();
            assertThat(seen.add(id))
                    .as("13.1: id %d, made after the clock stepped back, is new", id)
                    .isTrue();
            assertThat(id)
                    .as("13.1: id %d after %d, the clock at %d", id, previous, now[0])
                    .isGreaterThan(previous);
            previous = id;
        }
    }
}
