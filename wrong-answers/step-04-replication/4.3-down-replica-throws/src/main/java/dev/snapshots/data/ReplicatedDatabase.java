package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode freshEnough(DbNode replica, long position) {
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        do {
            // Wrong: asked directly: a replica that does not answer ends the read with its exception.
            if (replica.position() >= position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < deadline);
        return cluster.primary();
    }
}
