package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) >= position) {
                    return;
                }
            }
        } while (pause() && System.nanoTime() < deadline);
        // Wrong: like MySQL's rpl_semi_sync_master_timeout: give up waiting and acknowledge anyway.
        LOG.warn("no replica confirmed position {} in {}: acknowledging asynchronously", position, semiSyncTimeout);
    }
}
