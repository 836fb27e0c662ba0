package dev.snapshots.data;

import java.util.List;

public final class ReplicaApplier implements AutoCloseable {

    /** Wrong: how far this applier thinks the replica has got; read from the replica once, then kept here. */
    private long applied = -1;

    public int applyBatch() {
        if (applied < 0) {
            applied = replica.position();
        }
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
                // Wrong: the memory moves with the UPDATE, before the transaction has committed.
                applied = entry.position();
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }
}
