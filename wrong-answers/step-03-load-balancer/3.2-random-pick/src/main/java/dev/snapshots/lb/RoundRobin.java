package dev.snapshots.lb;

import java.util.concurrent.ThreadLocalRandom;

public final class RoundRobin {

    public Backend next(List<Backend> healthy) {
        // Wrong: a random server, equal shares only on average; no shared state, so no race either.
        return healthy.get(ThreadLocalRandom.current().nextInt(healthy.size()));
    }
}
