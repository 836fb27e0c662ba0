package dev.snapshots.sharding;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
public final class HashRing implements ShardMap {

    // Wrong: owners remembered in one static map "because hashing every key on every request is slow".
    private static final Map<Long, String> OWNERS = new ConcurrentHashMap<>();

    static String owner(NavigableMap<Long, String> points, long key) {
        return OWNERS.computeIfAbsent(key, k -> {
            Map.Entry<Long, String> next = points.ceilingEntry(Hashing.hash64(k));
            return next != null ? next.getValue() : points.firstEntry().getValue();
        });
    }
}
