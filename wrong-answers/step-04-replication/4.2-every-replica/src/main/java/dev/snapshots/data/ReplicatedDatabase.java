package dev.snapshots.data;

import java.util.List;

public final class ReplicatedDatabase {

    DbNode pickReadNode() {
        // Wrong: every replica, up or down: a dead one keeps its turns.
        List<DbNode> replicas = cluster.replicas();
        if (replicas.isEmpty()) {
            return cluster.primary();
        }
        return replicas.get((int) Math.floorMod(turns.getAndIncrement(), (long) replicas.size()));
    }
}
