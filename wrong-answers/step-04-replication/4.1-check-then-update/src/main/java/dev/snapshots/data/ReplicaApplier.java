package dev.snapshots.data;

import java.util.List;

public final class ReplicaApplier implements AutoCloseable {

    public int applyBatch() {
        long applied = replica.position();
        List<ReplicationLog.Entry> entries =
                source.admin().call(handle -> ReplicationLog.entriesAfter(handle, applied, BATCH));
        for (ReplicationLog.Entry entry : entries) {
            replica.admin().transaction(handle -> {
                // Wrong: the refusal is a read compared in Java, then an unconditional write: two
                // appliers (or an old one still finishing) can both read p - 1 and both go on.
                long current = ReplicationLog.position(handle);
                if (current != entry.position() - 1) {
                    throw new IllegalStateException(
                            replica.name() + " cannot apply entry " + entry.position() + " out of order");
                }
                handle.createUpdate("UPDATE replication_state SET position = :p WHERE id = 1")
                        .bind("p", entry.position())
                        .execute();
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                ReplicationLog.insert(handle, entry);
                return null;
            });
        }
        return entries.size();
    }
}
