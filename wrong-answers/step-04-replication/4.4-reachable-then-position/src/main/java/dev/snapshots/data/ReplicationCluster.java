package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        DbNode best = null;
        long bestPosition = -1;
        for (DbNode replica : replicas) {
            // Wrong: checked first, then asked: a replica can stop answering between the two.
            if (!replica.reachable()) {
                continue;
            }
            long position = replica.position();
            if (position > bestPosition) {
                best = replica;
                bestPosition = position;
            }
        }
        if (best == null) {
            LOG.error("no replica answers: nothing to promote, writes fail until {} is back", primary.name());
            return;
        }
        promote(best);
    }
}
