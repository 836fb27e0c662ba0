package dev.snapshots.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.domain.User;
import dev.snapshots.redis.RedisServer;
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

    /**
     * Claiming a key must be one indivisible step. The window between a {@code get} that finds no
     * load and a {@code put} that claims the key is a few hundred nanoseconds, which requests reach
     * one after another; here the map of loads in flight is swapped (it is the class's one field that
     * is a map) for one whose looks ({@code get}, {@code containsKey}, {@code getOrDefault}) take
     * 50 ms, so every look-then-claim loses the race, every time. The atomic claims
     * ({@code putIfAbsent}, {@code computeIfAbsent}) are as fast as ever.
     */
    @Test
    void ten_misses_at_once_claim_the_load_once_even_when_looking_at_the_map_is_slow() throws Exception {
        CountingDatabase database = new CountingDatabase();
        try (RedisClient redis = TestRedis.client(server)) {
            CachedUserRepository users = new CachedUserRepository(database, redis, TTL);
            String swapped = slowLooks(users);
            AtomicInteger loads = new AtomicInteger();
            int readers = 10;
            List<Thread> readerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.Set<Thread> loading = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.CyclicBarrier startLine = new java.util.concurrent.CyclicBarrier(readers);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(readers);
            try {
                List<java.util.concurrent.Future<Optional<User>>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    answers.add(threads.submit(() -> {
                        readerThreads.add(Thread.currentThread());
                        startLine.await(5, java.util.concurrent.TimeUnit.SECONDS);
                        return users.loadOnce(1, () -> {
                            loads.incrementAndGet();
                            loading.add(Thread.currentThread());
                            // A slow read: it ends only once every other reader waits (joined, or
                            // loading too), however late the machine let them arrive.
                            othersWait(readerThreads, loading, readers);
                            return database.findById(1);
                        });
                    }));
                }
                for (java.util.concurrent.Future<Optional<User>> answer : answers) {
                    assertThat(answer.get(20, java.util.concurrent.TimeUnit.SECONDS))
                            .as("5.5: what loadOnce(1) answered one of %d readers", readers)
                            .isPresent();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(loads.get())
                    .as(
                            "5.5: loads run by %d loadOnce(1) at once, with the map of loads in flight (%s) slow to"
                                    + " look at (a get, then a put, is two steps: every reader finds no load and"
                                    + " claims the key; claim it in one step, putIfAbsent or computeIfAbsent)",
                            readers, swapped)
                    .isEqualTo(1);
        }
    }

    /** Swaps the repository's map field for {@link SlowLooks}; its name, or "none" if it has no such field. */
    private static String slowLooks(CachedUserRepository users) throws Exception {
        for (java.lang.reflect.Field field : CachedUserRepository.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())
                    && java.util.Map.class.isAssignableFrom(field.getType())
                    && field.getType().isAssignableFrom(SlowLooks.class)) {
                field.setAccessible(true);
                @SuppressWarnings("unchecked")
                java.util.Map<Object, Object> original = (java.util.Map<Object, Object>) field.get(users);
                field.set(users, new SlowLooks(original));
                return field.getName();
            }
        }
        return "none";
    }

    /** A map whose non-atomic looks answer 50 ms late: a look-then-claim always loses its race. */
    private static final class SlowLooks extends java.util.concurrent.ConcurrentHashMap<Object, Object> {

        SlowLooks(java.util.Map<Object, Object> original) {
            if (original != null) {
                putAll(original);
            }
        }

        @Override
        public Object get(Object key) {
            Object seen = super.get(key);
            sleep(50); // the answer is already old when it arrives
            return seen;
        }

        @Override
        public boolean containsKey(Object key) {
            boolean seen = super.containsKey(key);
            sleep(50); // the answer is already old when it arrives
            return seen;
        }

        @Override
        public Object getOrDefault(Object key, Object otherwise) {
            Object seen = super.getOrDefault(key, otherwise);
            sleep(50); // the answer is already old when it arrives
            return seen;
        }
    }

    /**
     * Returns once every other reader waits inside {@code loadOnce} (loading too, joined a load, or
     * blocked on a lock) or has ended; at most 5 s, then the count decides. A reader still on its way
     * (at the start line, or running) is waited for: it must not arrive after the load has ended.
     */
    private static void othersWait(List<Thread> readers, java.util.Set<Thread> loading, int count) {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < giveUp) {
            if (readers.size() == count
                    && readers.stream()
                            .filter(reader -> reader != Thread.currentThread())
                            .allMatch(reader -> loading.contains(reader) || waitsInLoadOnce(reader))) {
                return;
            }
            sleep(5);
        }
    }

    /** A reader parked or blocked somewhere inside {@code loadOnce}, or ended. */
    private static boolean waitsInLoadOnce(Thread reader) {
        Thread.State state = reader.getState();
        if (state == Thread.State.TERMINATED) {
            return true;
        }
        if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
            return false;
        }
        return java.util.Arrays.stream(reader.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(CachedUserRepository.class.getName())
                        && frame.getMethodName().equals("loadOnce"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
