package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        DbNode best = null;
        // Wrong: positions start at 0, so 0 looks like "nothing yet"; a replica at 0 never beats it.
        long bestPosition = 0;
        for (DbNode replica : replicas) {
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
            LOG.error("no replica answers: nothing to promote, writes fail until {} is back", primary.name());
            return;
        }
        promote(best);
    }
}
