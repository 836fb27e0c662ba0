package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        do {
            for (DbNode replica : cluster.replicas()) {
                // Wrong: checked, then asked without a try: a replica can stop answering in between.
                if (replica.reachable() && replica.position() >= position) {
                    return;
                }
            }
        } while (pause() && System.nanoTime() < deadline);
        throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
    }
}
