package dev.snapshots.lb;

public final class HealthChecker implements AutoCloseable {

    /** Wrong: per backend name, failures and successes counted since the last change of state, not in a row. */
    private final Map<String, int[]> streaks = new ConcurrentHashMap<>();

    public void record(Backend backend, boolean healthy) {
        int[] counts = streaks.computeIfAbsent(backend.name(), name -> new int[2]);
        synchronized (counts) {
            counts[healthy ? 1 : 0]++;
            if (pool.isUp(backend.name()) && counts[0] >= fall) {
                pool.markDown(backend);
                counts[0] = 0;
                counts[1] = 0;
            } else if (!pool.isUp(backend.name()) && counts[1] >= rise) {
                pool.markUp(backend);
                counts[0] = 0;
                counts[1] = 0;
            }
        }
    }
}
