package dev.snapshots.sharding;


public final class Snowflake {

    private long nextLocked() {
        long now = now();
        if (now < lastMillis) {
            now = lastMillis;
        }
        // Wrong: the sequence counts round within the millisecond; "4,096 ids in one millisecond never happens".
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node() << SEQUENCE_BITS) | sequence;
    }
}
