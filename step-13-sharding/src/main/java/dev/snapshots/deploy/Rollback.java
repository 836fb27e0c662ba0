package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

/**
 * Automatic rollback (exercise 12.4): judge a new server from its metrics while it takes real
 * traffic, the way a canary analysis does, and put the previous build back everywhere when a rollout
 * fails.
 */
public final class Rollback {

    /** What a server's numbers say so far. */
    public enum Verdict {
        /** Enough requests, and few enough of them failed. */
        HEALTHY,
        /** Enough requests, and too many of them failed: roll back. */
        UNHEALTHY,
        /** Too few requests yet to tell. */
        UNDECIDED
    }

    private Rollback() {}

    /**
     * Judges a server by its {@code tally}: {@code UNDECIDED} below {@code minRequests} requests;
     * then {@code UNHEALTHY} when the share of them that failed is above {@code maxErrorRatio}, and
     * {@code HEALTHY} otherwise.
     */
    public static Verdict verdict(Tally tally, long minRequests, double maxErrorRatio) {
        if (tally.requests() < minRequests) {
            return Verdict.UNDECIDED;
        }
        // A ratio in doubles: errors / requests in longs is 0 until every request fails.
        double errorRatio = (double) tally.errors() / tally.requests();
        return errorRatio > maxErrorRatio ? Verdict.UNHEALTHY : Verdict.HEALTHY;
    }

    /**
     * Puts {@code previous} back in every slot of {@code replaced} (the slots a failed rollout
     * changed, in the order it changed them), without ever leaving fewer serving slots than the
     * rollout itself did.
     */
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
