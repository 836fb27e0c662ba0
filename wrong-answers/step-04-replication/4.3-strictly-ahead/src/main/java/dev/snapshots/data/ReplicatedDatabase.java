package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode freshEnough(DbNode replica, long position) {
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        do {
            // Wrong: "past the client's position" instead of "has reached it".
            if (positionOf(replica) > position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < deadline);
        return cluster.primary();
    }
}
