package dev.snapshots.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consistent-hash ring with virtual nodes (exercise 13.2). Each shard is placed on a circle of
 * 2^64 positions at many points; a key belongs to the first point at or after its own position,
 * going round. A new shard takes over only the arcs just before its own points, about 1/N of the
 * keys, all of them from the shards that had those arcs.
 */
public final class HashRing implements ShardMap {

    /** Points per shard by default: enough to keep 4 shards within a few percent of even. */
    public static final int VIRTUAL_NODES = 256;

    private final List<String> shards = new ArrayList<>();
    private final int virtualNodes;
    /** Position on the ring → the shard with a point there. */
    private final NavigableMap<Long, String> points = new TreeMap<>();

    public HashRing(List<String> shards) {
        this(shards, VIRTUAL_NODES);
    }

    public HashRing(List<String> shards, int virtualNodes) {
        this.virtualNodes = virtualNodes;
        for (String shard : shards) {
            this.shards.add(shard);
            place(points, shard, virtualNodes);
        }
    }

    /** Puts {@code virtualNodes} points of {@code shard} on the ring {@code points}. */
    static void place(NavigableMap<Long, String> points, String shard, int virtualNodes) {
        // TODO 13.2: one point per virtual node, at Hashing.hash64 of a name made from the shard and the
        //  node's number ("shard-1#0", "shard-1#1", …), so that each shard's points are spread all round.
        throw new UnsupportedOperationException("TODO 13.2: place a shard's points on the ring (see the README)");
    }

    /** The shard owning {@code key}: the first point at or after Hashing.hash64(key), going round. */
    static String owner(NavigableMap<Long, String> points, long key) {
        // TODO 13.2: the first point at or after the key's position; past the last point, the ring wraps
        //  round to the first.
        throw new UnsupportedOperationException("TODO 13.2: find a key's owner on the ring (see the README)");
    }

    @Override
    public String ownerOf(long key) {
        return owner(points, key);
    }

    @Override
    public List<String> shards() {
        return List.copyOf(shards);
    }

    @Override
    public HashRing with(String shard) {
        List<String> more = new ArrayList<>(shards);
        more.add(shard);
        return new HashRing(more, virtualNodes);
    }

    /** How many points the ring holds: shards × virtual nodes, when no two collide. */
    public int size() {
        return points.size();
    }
}
