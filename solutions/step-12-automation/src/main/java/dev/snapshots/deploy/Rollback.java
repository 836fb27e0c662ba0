package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static Verdict verdict(Tally tally, long minRequests, double maxErrorRatio) {
        if (tally.requests() < minRequests) {
            return Verdict.UNDECIDED;
        }
        // A ratio in doubles: errors / requests in longs is 0 until every request fails.
        double errorRatio = (double) tally.errors() / tally.requests();
        return errorRatio > maxErrorRatio ? Verdict.UNHEALTHY : Verdict.HEALTHY;
    }

    public static void undo(Fleet fleet, List<String> replaced, Build previous, Duration readyDeadline)
            throws InterruptedException {
        // Newest change first, one at a time: the same care as the rollout, in reverse.
        for (int i = replaced.size() - 1; i >= 0; i--) {
            String slot = replaced.get(i);
            if (!RollingUpdate.replace(fleet, slot, previous, readyDeadline)) {
                throw new IllegalStateException(
                        slot + ": the previous build " + previous.version() + " did not get ready");
            }
        }
    }
}
