package dev.snapshots.data;

public final class ReplicatedDatabase {

    void awaitReplica(long position) {
        long deadline = System.nanoTime() + semiSyncTimeout.toNanos();
        while (true) {
            for (DbNode replica : cluster.replicas()) {
                if (positionOf(replica) >= position) {
                    return;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new DataTierUnavailableException("no replica confirmed position " + position + " in time", null);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                // Wrong: the flag is restored and the wait stops, as in 4.3, but here stopping means returning:
                // the write is acknowledged although no replica has it.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
