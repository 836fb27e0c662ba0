package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        // Wrong: waits for each replica in turn; the next one is looked at only once this one gives up.
        for (DbNode replica : cluster.replicas()) {
            do {
                if (positionOf(replica) >= position) {
                    return;
                }
            } while (pause() && System.nanoTime() < deadline);
        }
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }
}
