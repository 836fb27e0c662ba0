package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode freshEnough(DbNode replica, long position) {
        if (positionOf(replica) >= position) {
            return replica;
        }
        // Wrong: behind, so give it the whole allowance at once, then look again.
        try {
            Thread.sleep(FRESHNESS_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cluster.primary();
        }
        return positionOf(replica) >= position ? replica : cluster.primary();
    }
}
