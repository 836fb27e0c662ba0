package dev.snapshots.lb;

public final class RoundRobin {

    /** Wrong: volatile makes every thread see the latest count, but {@code turns++} is still a read and a write. */
    private volatile long turns;

    public Backend next(List<Backend> healthy) {
        long turn = turns++;
        return healthy.get((int) Math.floorMod(turn, (long) healthy.size()));
    }
}
