package dev.snapshots.data;

import java.util.List;

public final class ReplicatedDatabase {

    DbNode pickReadNode() {
        List<DbNode> live = cluster.liveReplicas();
        if (live.isEmpty()) {
            return cluster.primary();
        }
        // Wrong: an atomic counter, but read and written in two steps: two threads can take the same turn.
        long turn = turns.get();
        turns.set(turn + 1);
        return live.get((int) Math.floorMod(turn, (long) live.size()));
    }
}
