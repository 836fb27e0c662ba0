package dev.snapshots.data;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public final class ReplicatedDatabase {

    /** Wrong: one counter for every ReplicatedDatabase in the JVM, not one per data tier. */
    private static final AtomicLong READS = new AtomicLong();

    DbNode pickReadNode() {
        List<DbNode> live = cluster.liveReplicas();
        if (live.isEmpty()) {
            return cluster.primary();
        }
        return live.get((int) Math.floorMod(READS.getAndIncrement(), (long) live.size()));
    }
}
