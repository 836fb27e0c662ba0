package dev.snapshots.lb;

public final class RoundRobin {

    /** Wrong: one count per request thread, so threads never contend for it. */
    private final ThreadLocal<long[]> turns = ThreadLocal.withInitial(() -> new long[1]);

    public Backend next(List<Backend> healthy) {
        long turn = turns.get()[0]++;
        return healthy.get((int) Math.floorMod(turn, (long) healthy.size()));
    }
}
