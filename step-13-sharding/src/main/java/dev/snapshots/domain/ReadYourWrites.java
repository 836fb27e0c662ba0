package dev.snapshots.domain;

/**
 * Read-your-writes, carried through one request: the replication log position this client has
 * already seen (from its cookie), and the position of anything it writes now. The web tier sets it
 * per request; the data tier reads it to choose a database that is fresh enough. Provided code.
 */
public final class ReadYourWrites {

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[2]);

    private ReadYourWrites() {}

    /** A request starts: its client has seen everything up to {@code position} (0: nothing yet). */
    public static void begin(long position) {
        long[] state = CURRENT.get();
        state[0] = position;
        state[1] = 0;
    }

    /** The position a read must reach for this client to see its own writes. */
    public static long required() {
        long[] state = CURRENT.get();
        return Math.max(state[0], state[1]);
    }

    /** A write of this request was committed at {@code position}. */
    public static void wrote(long position) {
        long[] state = CURRENT.get();
        state[1] = Math.max(state[1], position);
    }

    /** The request ends: the position of its newest write (0 if it wrote nothing). */
    public static long end() {
        long written = CURRENT.get()[1];
        CURRENT.remove();
        return written;
    }
}
