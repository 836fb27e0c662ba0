package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        DbNode best = null;
        long bestPosition = -1;
        // Wrong: one try around the whole search: the first replica that does not answer ends it.
        try {
            for (DbNode replica : replicas) {
                long position = replica.position();
                if (position > bestPosition) {
                    best = replica;
                    bestPosition = position;
                }
            }
        } catch (RuntimeException unreachable) {
            LOG.warn("a replica does not answer: {}", unreachable.toString());
        }
        if (best == null) {
            LOG.error("no replica answers: nothing to promote, writes fail until {} is back", primary.name());
            return;
        }
        promote(best);
    }
}
