package dev.snapshots;

import dev.snapshots.cache.CachePolicy;
import dev.snapshots.cache.CachedUserRepository;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.RedisClient;

/**
 * What the cache buys, measured: reads of users by id with and without the cache tier, when the
 * database takes {@value #DATABASE_MILLIS} ms per query. {@value #READERS} readers, {@value #USERS}
 * users picked at random (seeded), {@value #SECONDS} s per run; the cache is a real redis-server.
 * Run it with {@code ./course bench step-05-cache} (your cache with {@code --mine}).
 */
public final class Benchmark {

    static final int DATABASE_MILLIS = 5;
    static final int READERS = 8;
    static final int USERS = 200;
    static final int SECONDS = 3;

    private Benchmark() {}

    /** A database that has every user and takes its time to answer. */
    static final class SlowDatabase implements UserRepository {
        final AtomicLong queries = new AtomicLong();

        @Override
        public Optional<User> findById(long id) {
            queries.incrementAndGet();
            try {
                Thread.sleep(DATABASE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return id >= 1 && id <= USERS
                    ? Optional.of(new User(id, "User " + id, "user" + id + "@example.com", "h"))
                    : Optional.empty();
        }

        @Override
        public User save(String name, String email, String passwordHash) {
            throw new UnsupportedOperationException("read-only benchmark");
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
            return USERS;
        }
    }

    record Result(long reads, long queries, double perSecond, double p50Millis, double p99Millis) {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "Database: %d ms per query. %d readers, %d users, %d s per run.%n%n",
                DATABASE_MILLIS, READERS, USERS, SECONDS);
        System.out.printf(
                "%-10s %10s %10s %12s %10s %10s %8s%n", "", "reads", "queries", "reads/s", "p50", "p99", "vs none");
        SlowDatabase plain = new SlowDatabase();
        Result none = run(plain, plain);
        print("no cache", none, none);
        try (RedisServer server = RedisServer.startTemporary(CachePolicy.redisSettings());
                RedisClient redis = RedisClients.connect(server)) {
            SlowDatabase behindCache = new SlowDatabase();
            print("cache", run(new CachedUserRepository(behindCache, redis, Duration.ofMinutes(5)), behindCache), none);
        }
    }

    private static void print(String label, Result r, Result base) {
        System.out.printf(
                "%-10s %10d %10d %12.0f %7.2f ms %7.2f ms %7.1fx%n",
                label,
                r.reads(),
                r.queries(),
                r.perSecond(),
                r.p50Millis(),
                r.p99Millis(),
                r.perSecond() / base.perSecond());
    }

    private static Result run(UserRepository users, SlowDatabase database) throws InterruptedException {
        long[] latencies = new long[2_000_000];
        AtomicLong reads = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        for (int r = 0; r < READERS; r++) {
            Random random = new Random(42 + r);
            readers.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    users.findById(1 + random.nextInt(USERS));
                    long n = reads.getAndIncrement();
                    if (n < latencies.length) {
                        latencies[(int) n] = System.nanoTime() - start;
                    }
                }
            });
        }
        readers.shutdown();
        readers.awaitTermination(SECONDS + 10, TimeUnit.SECONDS);
        int n = (int) Math.min(reads.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(
                reads.get(),
                database.queries.get(),
                reads.get() / (double) SECONDS,
                sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.99)] / 1e6);
    }
}
