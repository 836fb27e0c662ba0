package dev.snapshots;

import dev.snapshots.domain.User;
import dev.snapshots.sharding.HashRing;
import dev.snapshots.sharding.Resharder;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardRouter;
import dev.snapshots.sharding.Snowflake;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What sharding buys, and what it costs, measured. First, write throughput: 8 threads insert users
 * for 3 s into 1, 2 and 4 shards (each an H2 server of its own, no replica), routed by the ring.
 * Then resharding: 10,000 users on 4 shards, a 5th added, timed. Run it with {@code ./course bench
 * step-13-sharding}; {@code --mine} runs it on your exercises.
 */
public final class Benchmark {

    private static final int THREADS = 8;
    private static final long MILLIS = 3_000;

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf("Writes: %d threads inserting users for %d s%n", THREADS, MILLIS / 1000);
        System.out.printf("%-8s %12s %8s%n", "shards", "inserts/s", "ratio");
        double one = 0;
        for (int count : new int[] {1, 2, 4}) {
            double perSecond = writes(count);
            if (count == 1) {
                one = perSecond;
            }
            System.out.printf("%-8d %12.0f %7.2fx%n", count, perSecond, perSecond / one);
        }
        System.out.println();
        resharding();
    }

    private static List<Shard> start(int count) {
        List<Shard> shards = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            shards.add(Shard.start("shard-" + i, 0));
        }
        return shards;
    }

    private static Shard named(List<Shard> shards, String name) {
        return shards.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static double writes(int count) throws InterruptedException {
        List<Shard> shards = start(count);
        try {
            ShardRouter router = new ShardRouter(
                    new HashRing(shards.stream().map(Shard::name).toList()));
            LongAdder inserted = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Snowflake ids = new Snowflake(t);
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        long id = ids.next();
                        User user = new User(id, "Bench", "bench-" + id + "@example.com", "hash");
                        router.write(id, true, owner -> {
                            named(shards, owner).insert(user);
                            return null;
                        });
                        inserted.increment();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(MILLIS);
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            return inserted.sum() * 1000.0 / MILLIS;
        } finally {
            shards.forEach(Shard::close);
        }
    }

    private static void resharding() {
        List<Shard> shards = start(4);
        Shard fifth = Shard.start("shard-5", 0);
        try {
            ShardRouter router = new ShardRouter(
                    new HashRing(shards.stream().map(Shard::name).toList()));
            Snowflake ids = new Snowflake(1);
            for (int i = 0; i < 10_000; i++) {
                long id = ids.next();
                User user = new User(id, "Bench", "bench-" + id + "@example.com", "hash");
                router.write(id, true, owner -> {
                    named(shards, owner).insert(user);
                    return null;
                });
            }
            long start = System.nanoTime();
            int moved = Resharder.addShard(router, shards, fifth);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "Resharding 10,000 users from 4 shards to 5: %d moved (%.1f%%) in %d ms, %.1f ms per 1,000 moved%n",
                    moved, moved / 100.0, millis, millis * 1000.0 / Math.max(1, moved));
        } finally {
            shards.forEach(Shard::close);
            fifth.close();
        }
    }
}
