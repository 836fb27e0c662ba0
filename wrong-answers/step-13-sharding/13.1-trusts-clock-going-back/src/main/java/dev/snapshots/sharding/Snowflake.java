package dev.snapshots.sharding;


public final class Snowflake {

    private long nextLocked() {
        long now = now();
        // Wrong: the clock is trusted; a millisecond other than the last one starts a new sequence, even
        // when it is an earlier one.
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                while (now <= lastMillis) {
                    Thread.onSpinWait();
                    now = now();
                }
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node() << SEQUENCE_BITS) | sequence;
    }
}
