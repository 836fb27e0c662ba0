package dev.snapshots.data;

import java.util.List;

public final class ReplicatedDatabase {

    DbNode pickReadNode() {
        List<DbNode> live = cluster.liveReplicas();
        if (live.isEmpty()) {
            return cluster.primary();
        }
        // Wrong: the cast binds before %, so after 2^31 reads the index turns negative.
        return live.get((int) turns.getAndIncrement() % live.size());
    }
}
