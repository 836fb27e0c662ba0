package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.EmailTakenException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardingTier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Step 02's save race (SaveRaceTest) over the shards: sharding rewired how a user is saved (an id
 * made on the web server, the email claimed in the directory, the row stored on the shard the ring
 * names), so the properties step 02 proved for one database are proved again here. Eight threads
 * leave one start line together and call two repositories, as two web servers would (each with a
 * Snowflake node of its own), on one set of shards and one email directory. Needs 13.1 (ids) and
 * 13.2 (owners): without them no sharded sign-up works.
 */
@Tag("13.2")
@DisplayName(
        "13.2 Concurrent sign-ups on two servers over 3 shards: each user gets its own id and is stored once, on the shard the ring names; each email is taken once across every shard")
class ShardedSaveRaceTest {

    private static final int THREADS = 8;
    private static final int SAVES = 25;
    private static final int SHARDS = 3;

    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(new DnsRegistry()).shards(SHARDS).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** Runs {@code work} on {@link #THREADS} threads that start together; thread t calls servers[t % 2]. */
    private static <T> List<T> atOnce(List<UserRepository> servers, WorkOf<T> work) throws Exception {
        CyclicBarrier startLine = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                UserRepository server = servers.get(t % 2);
                int thread = t;
                Callable<T> task = () -> {
                    startLine.await();
                    return work.on(server, thread);
                };
                results.add(threads.submit(task));
            }
            List<T> outcomes = new ArrayList<>();
            for (Future<T> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface WorkOf<T> {
        T on(UserRepository server, int thread) throws Exception;
    }

    private static List<UserRepository> twoWebServers() {
        return List.of(
                topology.tier(ShardingTier.class).users(),
                topology.tier(ShardingTier.class).users());
    }

    @Test
    void every_user_saved_by_two_servers_at_once_gets_an_id_of_its_own_and_one_row_on_its_owner() throws Exception {
        List<UserRepository> servers = twoWebServers();
        List<User> saved = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (List<Object> mine : atOnce(servers, (server, thread) -> {
            List<Object> outcomes = new ArrayList<>();
            for (int i = 0; i < SAVES; i++) {
                String email = "race-" + thread + "-" + i + "@example.com";
                try {
                    outcomes.add(server.save("U", email, "hash"));
                } catch (RuntimeException e) {
                    outcomes.add("the save of " + email + " failed: " + e);
                }
            }
            return outcomes;
        })) {
            for (Object outcome : mine) {
                if (outcome instanceof User user) {
                    saved.add(user);
                } else {
                    wrong.add(outcome.toString());
                }
            }
        }

        Set<Long> ids = new HashSet<>();
        for (User user : saved) {
            if (!ids.add(user.id())) {
                wrong.add("id " + user.id() + " was given twice (" + user.email() + ")");
                continue;
            }
            String owner = topology.tier(ShardingTier.class).router().ownerOf(user.id());
            List<String> holders = new ArrayList<>();
            for (Shard shard : topology.tier(ShardingTier.class).shards().values()) {
                Optional<User> row = shard.find(user.id());
                if (row.isPresent()) {
                    holders.add(shard.name());
                    if (!row.get().email().equals(user.email())) {
                        wrong.add(user.email() + " was told id " + user.id() + ", whose row on " + shard.name() + " is "
                                + row.get().email());
                    }
                }
            }
            if (!holders.equals(List.of(owner))) {
                wrong.add("user " + user.id() + " (" + user.email() + ") is on " + holders + ", and its owner is "
                        + owner);
            }
        }
        assertThat(wrong)
                .as(
                        "13.2: of %d sign-ups by %d threads on two servers at once over %d shards, those wrong",
                        THREADS * SAVES, THREADS, SHARDS)
                .isEmpty();
        assertThat(servers.get(0).findByEmail(saved.get(saved.size() - 1).email()))
                .as("13.2: a user saved by one server, found by email on the other")
                .map(User::id)
                .contains(saved.get(saved.size() - 1).id());
    }

    /**
     * The same email, saved by eight threads on two servers at once, ten times over. The users' ids
     * differ, so the ring sends them to different shards, and no shard could tell that the email is
     * taken: the directory's unique key lets exactly one in, every other save is told it is taken,
     * and no row of a refused save is left on any shard.
     */
    @Test
    void the_same_email_saved_by_eight_threads_at_once_is_taken_exactly_once_across_the_shards() throws Exception {
        List<UserRepository> servers = twoWebServers();
        for (int round = 0; round < 10; round++) {
            String email = "same-" + round + "@example.com";
            List<String> outcomes = atOnce(servers, (server, thread) -> {
                try {
                    server.save("U", email, "hash");
                    return "saved";
                } catch (EmailTakenException e) {
                    return "taken";
                } catch (RuntimeException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            });
            assertThat(outcomes)
                    .as("13.2: the same email saved by %d threads at once: one saved, every other taken", THREADS)
                    .containsOnly("saved", "taken")
                    .containsOnlyOnce("saved");
            long rows = 0;
            for (Shard shard : topology.tier(ShardingTier.class).shards().values()) {
                rows += shard.newest(Long.MAX_VALUE, 10_000).stream()
                        .filter(user -> user.email().equals(email))
                        .count();
            }
            assertThat(rows)
                    .as("13.2: rows with %s across the %d shards after %d saves at once", email, SHARDS, THREADS)
                    .isEqualTo(1);
        }
    }
}
