package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        DbNode best = null;
        long bestPosition = -1;
        // Wrong: "the replicas that answer" taken from the monitor's last view, not asked now.
        for (DbNode replica : liveReplicas()) {
            try {
                long position = replica.position();
                if (position > bestPosition) {
                    best = replica;
                    bestPosition = position;
                }
            } catch (RuntimeException unreachable) {
                // a replica that does not answer cannot become the primary
            }
        }
        if (best == null) {
            LOG.error("no live replica: nothing to promote, writes fail until {} is back", primary.name());
            return;
        }
        promote(best);
    }
}
