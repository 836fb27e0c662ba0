package dev.snapshots.sharding;

import java.util.ArrayList;
import java.util.List;

/**
 * The first router everyone writes: hash the key, take it modulo the number of shards. Even, and
 * cheap; but change the number of shards and almost every key changes owner. Provided code, for
 * comparison with {@link HashRing}.
 */
public final class ModuloRouter implements ShardMap {

    private final List<String> shards;

    public ModuloRouter(List<String> shards) {
        this.shards = List.copyOf(shards);
    }

    @Override
    public String ownerOf(long key) {
        return shards.get((int) Math.floorMod(Hashing.hash64(key), (long) shards.size()));
    }

    @Override
    public List<String> shards() {
        return shards;
    }

    @Override
    public ModuloRouter with(String shard) {
        List<String> more = new ArrayList<>(shards);
        more.add(shard);
        return new ModuloRouter(more);
    }
}
