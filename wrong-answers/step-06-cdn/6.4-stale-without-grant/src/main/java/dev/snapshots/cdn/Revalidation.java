package dev.snapshots.cdn;

import java.time.Duration;
import java.time.Instant;

public final class Revalidation {

    public static boolean mayServeStale(StoredResponse stale, Instant now) {
        // Wrong: without stale-if-error, a default minute of grace ("better stale than an error").
        Duration grace = CacheControl.of(stale.headers()).seconds("stale-if-error").orElse(Duration.ofSeconds(60));
        return stale.ageAt(now).compareTo(stale.freshFor().plus(grace)) <= 0;
    }
}
