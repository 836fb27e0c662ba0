package dev.snapshots.sharding;

import java.util.Map;
import java.util.NavigableMap;
public final class HashRing implements ShardMap {

    static String owner(NavigableMap<Long, String> points, long key) {
        // Wrong: the shards are hashed onto the ring, the key is placed as it is.
        Map.Entry<Long, String> next = points.ceilingEntry(key);
        return next != null ? next.getValue() : points.firstEntry().getValue();
    }
}
