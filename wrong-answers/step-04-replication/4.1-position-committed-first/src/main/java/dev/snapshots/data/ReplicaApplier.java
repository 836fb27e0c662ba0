package dev.snapshots.data;

import java.util.List;

public final class ReplicaApplier implements AutoCloseable {

    public int applyBatch() {
        long applied = replica.position();
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied, BATCH));
        for (ReplicationLog.Entry entry : entries) {
            // Wrong: the position is claimed in a transaction of its own, the change applied in a
            // second one: if the second fails, the entry counts as applied but never was.
            replica.admin().transaction(handle -> {
                int moved = handle.createUpdate(
                                "UPDATE replication_state SET position = :p WHERE id = 1 AND position = :p - 1")
                        .bind("p", entry.position())
                        .execute();
                if (moved != 1) {
                    throw new IllegalStateException(
                            replica.name() + " cannot apply entry " + entry.position() + " out of order");
                }
                return null;
            });
            replica.admin().transaction(handle -> {
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }
}
