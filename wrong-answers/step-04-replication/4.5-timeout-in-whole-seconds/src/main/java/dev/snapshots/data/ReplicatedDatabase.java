package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        // Wrong: the timeout in whole seconds: 2 s stays 2 s, but 500 ms becomes 0.
        long deadline = System.currentTimeMillis() + semiSyncTimeout.toSeconds() * 1000;
        do {
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) >= position) {
                    return;
                }
            }
        } while (pause() && System.currentTimeMillis() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }
}
