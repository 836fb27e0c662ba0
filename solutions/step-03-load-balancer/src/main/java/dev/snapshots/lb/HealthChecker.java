package dev.snapshots.lb;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class HealthChecker implements AutoCloseable {

    /** Per backend name: positive = successes in a row, negative = failures in a row. */
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

    public void record(Backend backend, boolean healthy) {
        int streak = streaks.merge(
                backend.name(), healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        if (!healthy && -streak >= fall && pool.isUp(backend.name())) {
            pool.markDown(backend);
        } else if (healthy && streak >= rise && !pool.isUp(backend.name())) {
            pool.markUp(backend);
        }
    }
}
