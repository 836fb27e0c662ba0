package dev.snapshots.sharding;

public final class Snowflake {

    /** The millisecond of the last id made, and its sequence: guarded by this generator's lock. */
    private long lastMillis = -1;

    private long sequence;

    public long next() {
        // One lock per generator: its last millisecond and sequence change together, or two threads
        // would take the same sequence number in the same millisecond.
        synchronized (this) {
            return nextLocked();
        }
    }

    private long nextLocked() {
        long now = now();
        // A clock that stepped back (NTP) would repeat ids: go on from the last millisecond instead.
        if (now < lastMillis) {
            now = lastMillis;
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                // 4,096 ids in this millisecond already: wait for the next one.
                while (now <= lastMillis) {
                    Thread.onSpinWait();
                    now = Math.max(now(), now);
                }
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node() << SEQUENCE_BITS) | sequence;
    }
}
