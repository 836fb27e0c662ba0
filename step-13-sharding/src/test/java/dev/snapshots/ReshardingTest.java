package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.User;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardedUserRepository;
import dev.snapshots.sharding.ShardingTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.3")
@DisplayName(
        "13.3 Online resharding: a 5th shard joins under steady sign-ups, renames and reads; 15–25% of the users move, every user is on exactly one shard after it, no acknowledged write is lost and no read fails")
class ReshardingTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static final int USERS = 400;
    /** How long the test waits for its load, and lets it run at most: room for a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).replicas(1).shards(4).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // thousands of queries to real shards: room for a busy machine
    void a_fifth_shard_joins_while_users_read_and_write() throws Exception {
        ShardedUserRepository users = topology.tier(ShardingTier.class).users();
        // Acknowledged: each user id, with the last name a write of it was acknowledged with.
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        for (int i = 0; i < USERS; i++) {
            User user = users.save("U" + i, "before-" + i + "@example.com", "hash");
            acknowledged.put(user.id(), user.name());
        }
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger operations = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Long> preloaded = List.copyOf(acknowledged.keySet());
        // A bound on the load's time, not on its count: however long the shard takes to start and the
        // move to run, the load goes on until 200 operations after it (this only stops a forgotten load,
        // within the test's time-out).
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            ShardedUserRepository mine = topology.tier(ShardingTier.class).users();
            Thread worker = new Thread(
                    () -> {
                        Random random = new Random(thread);
                        for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
                            try {
                                if (thread < 2 && i % 3 == 0) {
                                    User user =
                                            mine.save("N" + i, "during-" + thread + "-" + i + "@example.com", "hash");
                                    acknowledged.put(user.id(), user.name());
                                } else if (thread < 2) {
                                    // Each writer renames only its own half of the preloaded users: one writer per key.
                                    long id = preloaded.get((random.nextInt(USERS / 2)) * 2 + thread);
                                    String name = "R" + thread + "-" + i;
                                    if (mine.rename(id, name).isEmpty()) {
                                        failures.add("rename of " + id + " found no user");
                                    } else {
                                        acknowledged.put(id, name);
                                    }
                                } else {
                                    long id = preloaded.get(random.nextInt(USERS));
                                    if (mine.findById(id).isEmpty()) {
                                        failures.add("read of " + id + " found no user");
                                    }
                                }
                                operations.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(e.toString());
                            }
                        }
                    },
                    "resharding-load-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
        int moved;
        try {
            await().atMost(PATIENCE).until(() -> operations.get() >= 200);
            moved = topology.tier(ShardingTier.class).addShard();
            int after = operations.get();
            await().atMost(PATIENCE).until(() -> operations.get() >= after + 200);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(PATIENCE.toMillis());
            }
        }
        assertThat(failures)
                .as("13.3: reads and writes that failed while the 5th shard joined (%d operations)", operations.get())
                .isEmpty();
        // Exactly the users whose owner differs between the two rings, and about a fifth of them.
        dev.snapshots.sharding.HashRing before =
                new dev.snapshots.sharding.HashRing(List.of("shard-1", "shard-2", "shard-3", "shard-4"));
        dev.snapshots.sharding.HashRing after = before.with("shard-5");
        long mustMove = preloaded.stream()
                .filter(id -> !before.ownerOf(id).equals(after.ownerOf(id)))
                .count();
        // Users signed up during the test may have been moved too (if made before the move began): no more.
        long mayMove = acknowledged.keySet().stream()
                .filter(id -> !before.ownerOf(id).equals(after.ownerOf(id)))
                .count();
        assertThat((long) moved)
                .as(
                        "13.3: users moved: at least the %d preloaded ones whose owner changes, at most the %d of all"
                                + " users whose owner changes",
                        mustMove, mayMove)
                .isBetween(mustMove, mayMove);
        // About a fifth: of the users there before the test, as a ring moves them. The users signed up
        // meanwhile are not counted here: how many there were when the move began is the machine's
        // speed (the shard starts while the writers write), not the resharding's.
        assertThat((double) mustMove / USERS)
                .as("13.3: the share of the %d users signed up before the test that had to move (%d)", USERS, mustMove)
                .isBetween(0.1, 0.3);

        Map<Long, Integer> copies = new ConcurrentHashMap<>();
        for (Shard shard : topology.tier(ShardingTier.class).shards().values()) {
            for (long id : shard.ids()) {
                copies.merge(id, 1, Integer::sum);
                assertThat(topology.tier(ShardingTier.class).router().ownerOf(id))
                        .as("13.3: the owner of user %d, found on %s", id, shard.name())
                        .isEqualTo(shard.name());
            }
        }
        assertThat(topology.tier(ShardingTier.class).shards())
                .as("13.3: the shards after the resharding")
                .hasSize(5);
        assertThat(copies.keySet())
                .as("13.3: the users on the 5 shards, against the %d acknowledged", acknowledged.size())
                .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        assertThat(copies.values())
                .as("13.3: copies of each user across the shards")
                .containsOnly(1);
        ShardedUserRepository reader = topology.tier(ShardingTier.class).users();
        for (Map.Entry<Long, String> user : acknowledged.entrySet()) {
            Optional<User> found = reader.findById(user.getKey());
            assertThat(found.map(User::name))
                    .as("13.3: user %d after the resharding: its last acknowledged name", user.getKey())
                    .contains(user.getValue());
        }
    }
}
