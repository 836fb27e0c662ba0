package dev.snapshots.sharding;

import java.util.function.LongSupplier;

/**
 * Ids with no central counter (exercise 13.1), laid out as Twitter's Snowflake: 41 bits of
 * milliseconds since {@link #EPOCH_MILLIS}, 10 bits of node (which shard or worker made it) and
 * 12 bits of sequence within that millisecond. Any node makes ids alone, ids from different nodes
 * never collide, and ids sort roughly by time: the newest user has about the largest id.
 */
public final class Snowflake {

    /** 2026-01-01T00:00:00Z: 41 bits of milliseconds after it last until 2095. */
    public static final long EPOCH_MILLIS = 1_767_225_600_000L;

    public static final int NODE_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final long MAX_NODE = (1L << NODE_BITS) - 1;
    public static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final long node;
    private final LongSupplier millis;

    /** Ids for {@code node} (0 to 1023), timed by {@code millis} (the wall clock, or a test's). */
    public Snowflake(long node, LongSupplier millis) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("a node is 0 to " + MAX_NODE + ", not " + node);
        }
        this.node = node;
        this.millis = millis;
    }

    public Snowflake(long node) {
        this(node, System::currentTimeMillis);
    }

    /**
     * A new id: unique among every id any node makes, and larger than every id this generator made
     * before, even when called from many threads, more than 4,096 times in one millisecond, or after
     * the clock stepped back.
     */
    public long next() {
        // TODO 13.1: the id's layout is in the class comment (millisOf and nodeOf read it back). Within
        //  one millisecond the sequence counts up; past MAX_SEQUENCE, wait for the next millisecond. A
        //  clock that went back must not give an id already given. Many threads call this at once.
        throw new UnsupportedOperationException("TODO 13.1: make a Snowflake id (see the README)");
    }

    /** The millisecond (Unix time) at which {@code id} was made. */
    public static long millisOf(long id) {
        return (id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS;
    }

    /** The node that made {@code id}. */
    public static long nodeOf(long id) {
        return (id >>> SEQUENCE_BITS) & MAX_NODE;
    }

    /** {@code id}'s place among the ids of its millisecond and node. */
    public static long sequenceOf(long id) {
        return id & MAX_SEQUENCE;
    }

    long node() {
        return node;
    }

    long now() {
        return millis.getAsLong();
    }
}
