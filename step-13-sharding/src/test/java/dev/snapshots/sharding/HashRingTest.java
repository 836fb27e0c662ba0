package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("13.2")
@DisplayName(
        "13.2 The ring: 10,000 users within ±10% of the mean on each of 4 shards; a 5th shard takes 15–25% of the keys, all from the others, where modulo moves about 80%")
class HashRingTest {

    private static final List<String> FOUR = List.of("shard-1", "shard-2", "shard-3", "shard-4");
    private static final int USERS = 10_000;

    /** 10,000 user ids, as Snowflake makes them (time, node, sequence), from a seeded random. */
    private static long[] userIds() {
        Random random = new Random(13);
        long[] ids = new long[USERS];
        long millis = 40_000_000_000L;
        for (int i = 0; i < USERS; i++) {
            millis += random.nextInt(50);
            ids[i] = (millis << 22) | ((long) random.nextInt(4) << 12) | random.nextInt(4096);
        }
        return ids;
    }

    private static Map<String, Integer> spread(ShardMap map, long[] ids) {
        Map<String, Integer> counts = new TreeMap<>();
        for (long id : ids) {
            counts.merge(map.ownerOf(id), 1, Integer::sum);
        }
        return counts;
    }

    private static double moved(ShardMap before, ShardMap after, long[] ids, Map<String, Integer> from) {
        int moved = 0;
        for (long id : ids) {
            String was = before.ownerOf(id);
            String is = after.ownerOf(id);
            if (!was.equals(is)) {
                moved++;
                from.merge(was + "→" + is, 1, Integer::sum);
            }
        }
        return (double) moved / ids.length;
    }

    @Test
    void ten_thousand_users_spread_within_ten_percent_of_the_mean() {
        HashRing ring = new HashRing(FOUR);
        Map<String, Integer> counts = spread(ring, userIds());
        assertThat(counts)
                .as("13.2: users per shard of 4 (a shard with none is missing)")
                .hasSize(4);
        for (Map.Entry<String, Integer> shard : counts.entrySet()) {
            assertThat(shard.getValue())
                    .as("13.2: users on %s, of %d over 4 shards (mean 2,500): %s", shard.getKey(), USERS, counts)
                    .isBetween(2_250, 2_750);
        }
        assertThat(ring.size())
                .as("13.2: points on a ring of 4 shards × 256 virtual nodes")
                .isEqualTo(4 * 256);
    }

    @Test
    void a_fifth_shard_takes_a_fifth_of_the_keys_where_modulo_moves_four_fifths() {
        long[] ids = userIds();
        Map<String, Integer> ringMoves = new HashMap<>();
        Map<String, Integer> moduloMoves = new HashMap<>();
        HashRing ring = new HashRing(FOUR);
        ModuloRouter modulo = new ModuloRouter(FOUR);
        double byRing = moved(ring, ring.with("shard-5"), ids, ringMoves);
        double byModulo = moved(modulo, modulo.with("shard-5"), ids, moduloMoves);
        System.out.printf(
                "13.2: adding a 5th shard to 4 moves %.1f%% of %d keys with the ring, %.1f%% with modulo%n",
                100 * byRing, USERS, 100 * byModulo);
        assertThat(byRing)
                .as("13.2: the share of keys the ring moves to a 5th shard (modulo moves %.3f)", byModulo)
                .isBetween(0.15, 0.25);
        assertThat(ringMoves.keySet())
                .as("13.2: every key the ring moves goes to the new shard: %s", ringMoves)
                .allMatch(move -> move.endsWith("→shard-5"));
        assertThat(byModulo).as("13.2: the share modulo moves, for comparison").isGreaterThan(0.7);
    }

    @Test
    void a_key_past_the_last_point_belongs_to_the_first() {
        HashRing ring = new HashRing(FOUR);
        // Some key hashes past every point: the ring must wrap round, not fail.
        Random random = new Random(7);
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 200_000; i++) {
            counts.merge(ring.ownerOf(random.nextLong()), 1, Integer::sum);
        }
        assertThat(counts.keySet()).as("13.2: owners of 200,000 random keys").containsExactlyElementsOf(FOUR);
    }
}
