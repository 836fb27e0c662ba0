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
        // TODO 12.4: the verdict above. Until then, every new server is trusted.
        return Verdict.HEALTHY;
    }

    /**
     * Puts {@code previous} back in every slot of {@code replaced} (the slots a failed rollout
     * changed, in the order it changed them), without ever leaving fewer serving slots than the
     * rollout itself did.
     */
    public static void undo(Fleet fleet, List<String> replaced, Build previous, Duration readyDeadline)
            throws InterruptedException {
        // TODO 12.4: replace each of those slots with the previous build, one at a time, newest change
        //  first (RollingUpdate.replace); a slot the previous build cannot get ready in is an error to throw.
        throw new UnsupportedOperationException("TODO 12.4: roll back the replaced slots (see the README)");
    }
}
