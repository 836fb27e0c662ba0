package dev.snapshots.lb;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks backends in turn: the first, the second, the third, the first again… Every healthy server
 * gets the same share of requests, even when many requests arrive at once.
 */
public final class RoundRobin {

    /** How many picks so far. Atomic: two request threads must never get the same turn. */
    private final AtomicLong turns = new AtomicLong();

    /**
     * The next backend in turn among {@code healthy} (never empty). Called from many request threads
     * at once: over any 3 × N calls on 3 backends, each one is returned exactly N times.
     */
    public Backend next(List<Backend> healthy) {
        long turn = turns.getAndIncrement();
        return healthy.get((int) Math.floorMod(turn, (long) healthy.size()));
    }
}
