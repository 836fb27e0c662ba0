package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode freshEnough(DbNode replica, long position) {
        // Wrong: 500 (milliseconds) added to a clock that counts nanoseconds: a wait of half a microsecond.
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toMillis();
        do {
            if (positionOf(replica) >= position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < deadline);
        return cluster.primary();
    }
}
