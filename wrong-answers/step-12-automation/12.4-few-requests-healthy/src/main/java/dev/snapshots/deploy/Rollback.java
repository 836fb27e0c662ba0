package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static Verdict verdict(Tally tally, long minRequests, double maxErrorRatio) {
        // Wrong: too few requests to judge reads as "nothing wrong yet": healthy (fails open).
        if (tally.requests() < minRequests) {
            return Verdict.HEALTHY;
        }
        double errorRatio = (double) tally.errors() / tally.requests();
        return errorRatio > maxErrorRatio ? Verdict.UNHEALTHY : Verdict.HEALTHY;
    }
}
