package dev.snapshots.lb;

import java.util.concurrent.atomic.AtomicLong;

public final class RoundRobin {

    /** How many picks so far. Atomic: two request threads must never get the same turn. */
    private final AtomicLong turns = new AtomicLong();

    public Backend next(List<Backend> healthy) {
        long turn = turns.getAndIncrement();
        return healthy.get((int) Math.floorMod(turn, (long) healthy.size()));
    }
}
