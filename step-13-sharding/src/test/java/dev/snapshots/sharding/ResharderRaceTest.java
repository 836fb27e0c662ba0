package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.domain.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.3")
@DisplayName(
        "13.3 The move itself, raced on purpose: 4 threads rename exactly the users that are moving while the 5th shard joins; no rename is lost, and new users go where the new ring says")
class ResharderRaceTest {

    private static final List<Shard> SHARDS = new ArrayList<>();
    private static Shard fifth;

    @BeforeAll
    static void start() {
        for (int i = 1; i <= 4; i++) {
            SHARDS.add(Shard.start("shard-" + i, 0));
        }
        fifth = Shard.start("shard-5", 0);
    }

    @AfterAll
    static void stop() {
        SHARDS.forEach(Shard::close);
        if (fifth != null) {
            fifth.close();
        }
    }

    private static Shard named(String name) {
        return name.equals(fifth.name())
                ? fifth
                : SHARDS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // thousands of queries to real shards: room for a busy machine
    void renames_racing_the_move_are_never_lost() throws Exception {
        HashRing ring = new HashRing(SHARDS.stream().map(Shard::name).toList());
        ShardRouter router = new ShardRouter(ring);
        ShardMap target = ring.with(fifth.name());
        Snowflake ids = new Snowflake(77);
        List<Long> moving = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long id = ids.next();
            User user = new User(id, "U" + i, "race-" + i + "@example.com", "hash");
            router.write(id, true, owner -> {
                named(owner).insert(user);
                return null;
            });
            if (!target.ownerOf(id).equals(ring.ownerOf(id))) {
                moving.add(id);
            }
        }
        // Each rename is an increment, read and written under the key's lock: a rename that lands on the
        // old copy after it was copied is lost for good, whatever comes after it.
        Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread renamer = new Thread(
                    () -> {
                        // Each thread owns every 4th moving key: one writer per key.
                        for (int round = 0; running.get() && round < 10_000; round++) {
                            for (int k = thread; k < moving.size(); k += 4) {
                                long id = moving.get(k);
                                Integer count = router.write(id, false, owner -> {
                                    Optional<User> user = named(owner).find(id);
                                    if (user.isEmpty()) {
                                        return null;
                                    }
                                    int next = user.get().name().startsWith("n=")
                                            ? Integer.parseInt(user.get().name().substring(2)) + 1
                                            : 1;
                                    return named(owner).rename(id, "n=" + next) ? next : null;
                                });
                                if (count == null) {
                                    failures.add("rename of " + id + " found no user on " + router.ownerOf(id));
                                } else {
                                    acknowledged.merge(id, 1, Integer::sum);
                                }
                            }
                        }
                    },
                    "renamer-" + t);
            renamer.setDaemon(true);
            threads.add(renamer);
            renamer.start();
        }
        int moved;
        try {
            // The move begins once the renamers are at work (on a busy machine they may start late).
            await("renames acknowledged before the move")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> acknowledged.size() >= Math.min(20, moving.size()));
            moved = Resharder.addShard(router, SHARDS, fifth);
            // New users after the move go where the new ring says.
            for (int i = 0; i < 50; i++) {
                long id = ids.next();
                User user = new User(id, "Late" + i, "late-" + i + "@example.com", "hash");
                router.write(id, true, owner -> {
                    named(owner).insert(user);
                    return null;
                });
                assertThat(named(target.ownerOf(id)).find(id))
                        .as("13.3: a user made after the move, on the shard the new ring names")
                        .isPresent();
            }
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(20_000);
            }
        }
        assertThat(failures)
                .as("13.3: renames that found no user during the move")
                .isEmpty();
        assertThat(moved)
                .as("13.3: users moved, of the %d whose owner changes", moving.size())
                .isEqualTo(moving.size());
        for (long id : moving) {
            Integer renames = acknowledged.get(id);
            assertThat(fifth.find(id).map(User::name))
                    .as("13.3: moved user %d on shard-5 counts every one of its %s acknowledged renames", id, renames)
                    .contains(renames == null ? fifth.find(id).map(User::name).orElse("(missing)") : "n=" + renames);
            assertThat(named(ring.ownerOf(id)).find(id))
                    .as("13.3: moved user %d is gone from its old shard", id)
                    .isEmpty();
        }
    }
}
