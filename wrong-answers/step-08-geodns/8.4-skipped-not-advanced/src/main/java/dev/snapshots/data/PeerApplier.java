package dev.snapshots.data;

import java.util.List;

public final class PeerApplier implements AutoCloseable {

    public int applyBatch() {
        String here = local.admin().call(ReplicationLog::centre);
        long from = local.admin().call(handle -> ReplicationLog.peerPosition(handle, peerCentre));
        List<ReplicationLog.Entry> entries =
                peer.admin().call(handle -> ReplicationLog.entriesAfter(handle, from, BATCH));
        int applied = 0;
        for (ReplicationLog.Entry entry : entries) {
            if (entry.origin().equals(here)) {
                continue; // Wrong: our own change, nothing to do, not even to move past it.
            }
            local.admin().transaction(handle -> {
                handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                ReplicationLog.appendFrom(handle, entry.origin(), entry.statement(), entry.params());
                ReplicationLog.setPeerPosition(handle, peerCentre, entry.position());
                return null;
            });
            applied++;
        }
        return applied;
    }
}
