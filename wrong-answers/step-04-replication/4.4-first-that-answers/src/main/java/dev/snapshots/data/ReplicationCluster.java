package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        // Wrong: the first replica that answers is promoted; the replicas "follow the same log" anyway.
        for (DbNode replica : replicas) {
            if (replica.reachable()) {
                promote(replica);
                return;
            }
        }
        LOG.error("no replica answers: nothing to promote, writes fail until {} is back", primary.name());
    }
}
