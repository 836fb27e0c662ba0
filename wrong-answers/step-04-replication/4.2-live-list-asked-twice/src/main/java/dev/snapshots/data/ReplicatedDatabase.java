package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode pickReadNode() {
        // Wrong: the live list is asked for again at each use; the monitor can change it in between.
        if (cluster.liveReplicas().isEmpty()) {
            return cluster.primary();
        }
        long turn = turns.getAndIncrement();
        return cluster.liveReplicas().get((int) Math.floorMod(turn, (long) cluster.liveReplicas().size()));
    }
}
