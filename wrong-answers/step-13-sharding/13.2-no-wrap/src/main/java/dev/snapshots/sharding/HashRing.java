package dev.snapshots.sharding;

import java.util.NavigableMap;
public final class HashRing implements ShardMap {

    static String owner(NavigableMap<Long, String> points, long key) {
        // Wrong: the first point at or after the key; a key past the last point has none.
        return points.ceilingEntry(Hashing.hash64(key)).getValue();
    }
}
