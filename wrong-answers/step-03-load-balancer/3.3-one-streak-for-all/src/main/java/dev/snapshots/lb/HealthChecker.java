package dev.snapshots.lb;

import java.util.concurrent.atomic.AtomicInteger;

public final class HealthChecker implements AutoCloseable {

    /** Wrong: one streak for the whole pool: positive = successes in a row, negative = failures in a row. */
    private final AtomicInteger streak = new AtomicInteger();

    public void record(Backend backend, boolean healthy) {
        int step = healthy ? 1 : -1;
        int now = streak.accumulateAndGet(step, (old, s) -> Integer.signum(old) == s ? old + s : s);
        if (!healthy && -now >= fall && pool.isUp(backend.name())) {
            pool.markDown(backend);
        } else if (healthy && now >= rise && !pool.isUp(backend.name())) {
            pool.markUp(backend);
        }
    }
}
