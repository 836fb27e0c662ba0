package dev.snapshots.lb;

public final class RoundRobin {

    public Backend next(List<Backend> healthy) {
        // Wrong: an AtomicLong, but read and written back in two steps; two threads can read the same turn.
        long turn = turns.get();
        turns.set(turn + 1);
        return healthy.get((int) Math.floorMod(turn, (long) healthy.size()));
    }
}
