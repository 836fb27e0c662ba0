package dev.snapshots.sharding;

import java.util.concurrent.atomic.AtomicLong;
public final class Snowflake {

    // Wrong: the last millisecond and the sequence each atomic, but not together.
    private final AtomicLong lastMillisSeen = new AtomicLong(-1);

    private final AtomicLong sequenceInMillis = new AtomicLong();

    public long next() {
        long now = Math.max(now(), lastMillisSeen.get());
        if (lastMillisSeen.getAndSet(now) != now) {
            sequenceInMillis.set(0);
        }
        long seq = sequenceInMillis.getAndIncrement() & MAX_SEQUENCE;
        return ((now - EPOCH_MILLIS) << (NODE_BITS + SEQUENCE_BITS)) | (node() << SEQUENCE_BITS) | seq;
    }
}
