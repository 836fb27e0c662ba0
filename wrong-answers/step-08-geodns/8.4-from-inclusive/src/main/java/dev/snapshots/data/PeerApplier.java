package dev.snapshots.data;

import java.util.List;

public final class PeerApplier implements AutoCloseable {

    public int applyBatch() {
        String here = local.admin().call(ReplicationLog::centre);
        long from = local.admin().call(handle -> ReplicationLog.peerPosition(handle, peerCentre));
        // Wrong: "from the position reached", that entry included, to be sure none is missed.
        List<ReplicationLog.Entry> entries =
                peer.admin().call(handle -> ReplicationLog.entriesAfter(handle, Math.max(0, from - 1), BATCH));
        int applied = 0;
        for (ReplicationLog.Entry entry : entries) {
            boolean ours = entry.origin().equals(here);
            local.admin().transaction(handle -> {
                if (!ours) {
                    handle.createUpdate(entry.statement()).bindMap(entry.params()).execute();
                    ReplicationLog.appendFrom(handle, entry.origin(), entry.statement(), entry.params());
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
