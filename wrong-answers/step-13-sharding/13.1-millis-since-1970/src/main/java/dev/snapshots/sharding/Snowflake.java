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
        // Wrong: the milliseconds since 1970, not since EPOCH_MILLIS.
        return (now << (NODE_BITS + SEQUENCE_BITS)) | (node() << SEQUENCE_BITS) | sequence;
    }
}
