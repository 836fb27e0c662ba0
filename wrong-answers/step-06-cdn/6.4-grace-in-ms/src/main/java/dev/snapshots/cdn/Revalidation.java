package dev.snapshots.cdn;

import java.time.Instant;

public final class Revalidation {

    public static boolean mayServeStale(StoredResponse stale, Instant now) {
        // Wrong: the grace read as milliseconds: stale-if-error=60 allows 60 ms.
        return CacheControl.of(stale.headers())
                .seconds("stale-if-error")
                .map(grace -> stale.ageAt(now).compareTo(stale.freshFor().plusMillis(grace.toSeconds())) <= 0)
                .orElse(false);
    }
}
