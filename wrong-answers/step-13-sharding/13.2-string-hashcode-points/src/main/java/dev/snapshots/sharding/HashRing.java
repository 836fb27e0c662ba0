package dev.snapshots.sharding;

import java.util.NavigableMap;
public final class HashRing implements ShardMap {

    static void place(NavigableMap<Long, String> points, String shard, int virtualNodes) {
        for (int node = 0; node < virtualNodes; node++) {
            // Wrong: a point at String.hashCode of its name: 32 bits, and easy to steer.
            points.put((long) (shard + "#" + node).hashCode(), shard);
        }
    }
}
