package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static Verdict verdict(Tally tally, long minRequests, double maxErrorRatio) {
        if (tally.requests() < minRequests) {
            return Verdict.UNDECIDED;
        }
        // Wrong: the ratio of two longs, divided as longs: 0 until every request fails.
        double errorRatio = tally.errors() / tally.requests();
        return errorRatio > maxErrorRatio ? Verdict.UNHEALTHY : Verdict.HEALTHY;
    }
}
