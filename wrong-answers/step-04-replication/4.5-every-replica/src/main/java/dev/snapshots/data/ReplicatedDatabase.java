package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            // Wrong: waits until every replica has the write ("replicated" read as "on all replicas").
            boolean all = true;
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) < position) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
        } while (pause() && System.nanoTime() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }
}
