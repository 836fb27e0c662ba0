package dev.snapshots.lb;

public final class HealthChecker implements AutoCloseable {

    public void record(Backend backend, boolean healthy) {
        int streak = streaks.merge(
                backend.name(), healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        // Wrong: "more than fall" failures, one check too many (and likewise for rise).
        if (!healthy && -streak > fall && pool.isUp(backend.name())) {
            pool.markDown(backend);
        } else if (healthy && streak > rise && !pool.isUp(backend.name())) {
            pool.markUp(backend);
        }
    }
}
