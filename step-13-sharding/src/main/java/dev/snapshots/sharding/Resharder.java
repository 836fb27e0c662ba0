package dev.snapshots.sharding;

import java.util.List;

/**
 * Online resharding (exercise 13.3): a new shard joins while users keep reading and writing. Only
 * the keys whose owner changes move, each in three steps: copy it to its new owner, switch its
 * ownership, and only then delete the old copy; a user is never missing, and never served from two
 * shards at once.
 */
public final class Resharder {

    private Resharder() {}

    /**
     * Adds {@code added} to the shards {@code router} routes to ({@code existing}, which must not
     * include it), moving every key whose owner changes; returns how many keys moved.
     */
    public static int addShard(ShardRouter router, List<Shard> existing, Shard added) {
        // TODO 13.3: begin a move to the current ring with `added` (new users follow it from then on); scan
        //  each existing shard and move each key whose owner under the new ring is not that shard (copy the
        //  user across inside ShardRouter.move, which holds the key's lock and switches its owner); finish
        //  the move; then delete the moved keys' old copies.
        throw new UnsupportedOperationException("TODO 13.3: add a shard and move its keys (see the README)");
    }
}
