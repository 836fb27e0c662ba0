package dev.snapshots.dns;

public final class CentreHealth {

    public void record(String centre, boolean healthy) {
        int streak =
                streaks.merge(centre, healthy ? 1 : -1, (old, step) -> Integer.signum(old) == step ? old + step : step);
        // Wrong: "more than fall failures" and "more than rise successes".
        if (!healthy && -streak > fall) {
            down.add(centre);
        } else if (healthy && streak > rise) {
            down.remove(centre);
        }
    }
}
