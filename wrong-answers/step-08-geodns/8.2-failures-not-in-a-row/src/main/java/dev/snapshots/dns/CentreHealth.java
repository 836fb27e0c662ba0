package dev.snapshots.dns;

public final class CentreHealth {

    public void record(String centre, boolean healthy) {
        // Wrong: failures and successes are each counted since the last change of state, not in a row.
        if (healthy) {
            int successes = streaks.merge(centre + "+", 1, Integer::sum);
            if (down.contains(centre) && successes >= rise) {
                down.remove(centre);
                streaks.remove(centre + "-");
            }
        } else {
            int failures = streaks.merge(centre + "-", 1, Integer::sum);
            if (!down.contains(centre) && failures >= fall) {
                down.add(centre);
                streaks.remove(centre + "+");
            }
        }
    }
}
