package dev.snapshots.data;

import java.util.List;

public final class ReplicaApplier implements AutoCloseable {

    public int applyBatch() {
        long applied = replica.position();
        // Wrong: "the entries after the replica's position" taken as "start at the next position",
        // but entriesAfter already means "> position": the first entry fetched is applied + 2.
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied + 1, BATCH));
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
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }
}
