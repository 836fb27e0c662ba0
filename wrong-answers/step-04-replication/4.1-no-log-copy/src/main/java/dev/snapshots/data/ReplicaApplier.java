package dev.snapshots.data;

import java.util.List;

public final class ReplicaApplier implements AutoCloseable {

    public int applyBatch() {
        long applied = replica.position();
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied, BATCH));
        for (ReplicationLog.Entry entry : entries) {
            replica.admin().transaction(handle -> {
                int moved = handle.createUpdate(
                                "UPDATE replication_state SET position = :p WHERE id = 1 AND position = :p - 1")
                        .bind("p", entry.position())
                        .execute();
                if (moved != 1) {
                    throw new IllegalStateException(
                            replica.name() + " cannot apply entry " + entry.position() + " out of order");
                }
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                // Wrong: no copy of the entry in the replica's own log: the data and the position
                // are there, so the replica looks converged, but it has no log to serve after a failover.
                return null;
            });
        }
        return entries.size();
    }
}
