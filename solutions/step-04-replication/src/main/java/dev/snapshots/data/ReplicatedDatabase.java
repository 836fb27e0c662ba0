package dev.snapshots.data;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public final class ReplicatedDatabase {

    /** Round robin over the replicas; atomic, because many request threads read at once. */
    private final AtomicLong turns = new AtomicLong();

    DbNode pickReadNode() {
        List<DbNode> live = cluster.liveReplicas();
        if (live.isEmpty()) {
            return cluster.primary();
        }
        return live.get((int) Math.floorMod(turns.getAndIncrement(), (long) live.size()));
    }

    DbNode freshEnough(DbNode replica, long position) {
        long deadline = System.nanoTime() + FRESHNESS_WAIT.toNanos();
        do {
            if (positionOf(replica) >= position) {
                return replica;
            }
        } while (pause() && System.nanoTime() < deadline);
        return cluster.primary();
    }

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) >= position) {
                    return;
                }
            }
        } while (pause() && System.nanoTime() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }

    /** A replica's position; one that does not answer counts as having nothing. */
    private static long positionOf(DbNode replica) {
        try {
            return replica.position();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
