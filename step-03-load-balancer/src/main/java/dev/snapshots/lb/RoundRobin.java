package dev.snapshots.lb;

import java.util.List;

/**
 * Picks backends in turn: the first, the second, the third, the first again… Every healthy server
 * gets the same share of requests, even when many requests arrive at once.
 */
public final class RoundRobin {

    /**
     * The next backend in turn among {@code healthy} (never empty). Called from many request threads
     * at once: over any 3 × N calls on 3 backends, each one is returned exactly N times.
     */
    public Backend next(List<Backend> healthy) {
        // TODO 3.2: keep a counter that is safe to increment from many threads; pick healthy.get(counter mod size).
        throw new UnsupportedOperationException("TODO 3.2: pick the next backend in turn (RoundRobin.next)");
    }
}
