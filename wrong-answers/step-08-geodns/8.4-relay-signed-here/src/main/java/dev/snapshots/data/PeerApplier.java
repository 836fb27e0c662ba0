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
            boolean ours = entry.origin().equals(here);
            local.admin().transaction(handle -> {
                if (!ours) {
                    handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                    // Wrong: logged here as this centre's own change.
                    ReplicationLog.append(handle, entry.statement(), entry.params());
                }
                ReplicationLog.setPeerPosition(handle, peerCentre, entry.position());
                return null;
            });
            if (!ours) {
                applied++;
            }
        }
        return applied;
    }
}
