package dev.snapshots.sharding;

import java.util.NavigableMap;
public final class HashRing implements ShardMap {

    static void place(NavigableMap<Long, String> points, String shard, int virtualNodes) {
        // Wrong: 0 to virtualNodes inclusive: one point more than asked for.
        for (int node = 0; node <= virtualNodes; node++) {
            points.put(Hashing.hash64(shard + "#" + node), shard);
        }
    }
}
