package dev.snapshots.data;

public final class ReplicatedDatabase {

    DbNode freshEnough(DbNode replica, long position) {
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        while (true) {
            if (positionOf(replica) >= position) {
                return replica;
            }
            if (System.nanoTime() >= deadline) {
                return cluster.primary();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                // Wrong: ignored: keep polling, and the thread forgets it was asked to stop.
            }
        }
    }
}
