package dev.snapshots.sharding;

import java.util.Map;
import java.util.NavigableMap;

public final class HashRing implements ShardMap {

    static void place(NavigableMap<Long, String> points, String shard, int virtualNodes) {
        for (int node = 0; node < virtualNodes; node++) {
            // Many points per shard: one arc each would leave some shards twice the keys of others.
            points.put(Hashing.hash64(shard + "#" + node), shard);
        }
    }

    static String owner(NavigableMap<Long, String> points, long key) {
        Map.Entry<Long, String> next = points.ceilingEntry(Hashing.hash64(key));
        // Past the last point the circle closes: the first point owns the arc.
        return next != null ? next.getValue() : points.firstEntry().getValue();
    }
}
