package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.User;
import dev.snapshots.sharding.HotKeys;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardedUserRepository;
import dev.snapshots.sharding.ShardingTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.4")
@DisplayName(
        "13.4 The celebrity: 10,000 reads of one user among 1,600 reads of 80 others spread evenly, and no shard serves more than 1.5× the mean; a rename of the celebrity is read back at once")
class HotUserTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    /** The test clock's step between two reads of the celebrity. */
    private static final Duration ROUND = Duration.ofNanos(100_000);

    private static Topology topology;

    @BeforeAll
    static void start() {
        topology = TestTopology.builder(DNS).shards(4).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static Map<String, Long> reads() {
        Map<String, Long> reads = new TreeMap<>();
        for (Shard shard : topology.tier(ShardingTier.class).shards().values()) {
            reads.put(shard.name(), shard.readsServed());
        }
        return reads;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // thousands of queries to real shards: room for a busy machine
    void a_celebrity_does_not_melt_its_shard() {
        // The defaults' numbers (100 reads within 1 s make a key hot, kept 250 ms, 64 at most), on a clock
        // the test moves: 100 µs a round, so the 10,000 rounds last one second whatever the machine's
        // speed. On the wall clock, a slow machine would stretch them over more windows, each letting
        // 100 reads through to the shard, and the verdict would be the machine's.
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ShardedUserRepository users = topology.tier(ShardingTier.class)
                .users()
                .withHotKeys(new HotKeys(100, Duration.ofSeconds(1), Duration.ofMillis(250), 64, now::get));
        // The others: exactly 20 users on each shard, so that their reads load every shard alike.
        Map<String, List<User>> perShard = new TreeMap<>();
        User celebrity = null;
        for (int i = 0; perShard.values().stream().mapToInt(List::size).sum() < 80 && i < 2_000; i++) {
            User user = users.save("U" + i, "hot-" + i + "@example.com", "hash");
            List<User> mine = perShard.computeIfAbsent(
                    topology.tier(ShardingTier.class).router().ownerOf(user.id()), shard -> new ArrayList<>());
            if (celebrity == null) {
                celebrity = user;
            } else if (mine.size() < 20) {
                mine.add(user);
            }
        }
        List<User> others = new ArrayList<>();
        perShard.values().forEach(others::addAll);
        Map<String, Long> before = reads();
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(ROUND.toNanos());
            users.findById(celebrity.id());
            // 20 reads of each of the 80 others, never enough to make one of them hot, and 400 on every
            // shard: about four times the ~104 reads a right answer lets through to the celebrity's shard.
            if (i % 25 < 4) {
                users.findById(others.get((i / 25 * 4 + i % 25) % others.size()).id());
            }
        }
        Map<String, Long> served = new TreeMap<>();
        reads().forEach((shard, count) -> served.put(shard, count - before.getOrDefault(shard, 0L)));
        double mean =
                served.values().stream().mapToLong(Long::longValue).average().orElse(0);
        long most = served.values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat((double) most)
                .as(
                        "13.4: reads served by the busiest shard (%s holds the celebrity), against 1.5× the mean of %.0f: %s",
                        topology.tier(ShardingTier.class).router().ownerOf(celebrity.id()), mean, served)
                .isLessThanOrEqualTo(1.5 * mean);

        users.rename(celebrity.id(), "Renamed");
        assertThat(users.findById(celebrity.id()).map(User::name))
                .as("13.4: the celebrity's name read right after a rename")
                .contains("Renamed");
    }
}
