package dev.snapshots.sharding;

import java.util.List;

/** Which shard owns a key. Provided code. */
public interface ShardMap {

    /** The name of the shard that owns {@code key} (a user id). */
    String ownerOf(long key);

    /** Every shard, in the order they were added. */
    List<String> shards();

    /** The same map with one more shard. */
    ShardMap with(String shard);
}
