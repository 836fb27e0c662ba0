package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            for (DbNode replica : cluster.replicas()) {
                // Wrong: a replica must be past the write, not at it.
                if (positionOf(replica) > position) {
                    return;
                }
            }
        } while (pause() && System.nanoTime() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }
}
