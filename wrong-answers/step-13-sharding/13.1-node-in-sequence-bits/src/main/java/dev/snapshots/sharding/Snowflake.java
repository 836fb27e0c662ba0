package dev.snapshots.sharding;


public final class Snowflake {

    private long nextLocked() {
        long now = now();
        if (now < lastMillis) {
            now = lastMillis;
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                while (now <= lastMillis) {
                    Thread.onSpinWait();
                    now = Math.max(now(), now);
                }
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        // Wrong: the node shifted by NODE_BITS, where SEQUENCE_BITS was meant: it overlaps the sequence.
        return ((now - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node() << NODE_BITS) | sequence;
    }
}
