package dev.snapshots.data;

public final class ReplicatedDatabase {

    /** Wrong: "compute the deadline once" kept in a field, which every request thread shares. */
    private volatile long freshnessDeadline;

    DbNode freshEnough(DbNode replica, long position) {
        freshnessDeadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        do {
            if (positionOf(replica) >= position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < freshnessDeadline);
        return cluster.primary();
    }
}
