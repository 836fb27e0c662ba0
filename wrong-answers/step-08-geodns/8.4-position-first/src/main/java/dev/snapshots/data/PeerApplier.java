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
            // Wrong: move the mark first, "so that a bad entry cannot block replication for ever".
            local.admin().transaction(handle -> {
                ReplicationLog.setPeerPosition(handle, peerCentre, entry.position());
                return null;
            });
            if (!entry.origin().equals(here)) {
                local.admin().transaction(handle -> {
                    handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                    ReplicationLog.appendFrom(handle, entry.origin(), entry.statement(), entry.params());
                    return null;
                });
                applied++;
            }
        }
        return applied;
    }
}
