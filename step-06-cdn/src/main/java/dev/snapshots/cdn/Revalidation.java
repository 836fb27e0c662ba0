package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Map;

/**
 * Exercise 6.4: a stale copy is not thrown away. The edge asks the origin whether it still holds
 * (a conditional request); a {@code 304 Not Modified} answer, without a body, makes it fresh again.
 * And when the origin is down, a copy not too stale is better than an error (RFC 5861).
 */
public final class Revalidation {

    private Revalidation() {}

    /**
     * The headers that make the edge's request for {@code stale} conditional (RFC 9110 §13.1.2): the
     * origin answers 304 without a body if its current version is the stored one. Empty when the
     * stored copy has no validator.
     */
    public static Map<String, String> conditionalHeaders(StoredResponse stale) {
        // TODO 6.4: If-None-Match with the stored copy's ETag.
        throw new UnsupportedOperationException(
                "TODO 6.4: the conditional request's headers (Revalidation.conditionalHeaders)");
    }

    /**
     * The copy to keep after the origin answered {@code 304} with {@code notModified}'s headers at
     * {@code now}: the stored body, the headers updated by the 304's (RFC 9111 §4.3.4), received anew,
     * with the freshness the updated headers give.
     */
    public static StoredResponse refreshed(StoredResponse stale, HttpHeaders notModified, Instant now) {
        // TODO 6.4: merge the headers (the 304's win), keep the body, restart the clock, recompute freshFor.
        throw new UnsupportedOperationException("TODO 6.4: refresh a copy after a 304 (Revalidation.refreshed)");
    }

    /**
     * True when {@code stale} may be served at {@code now} because the origin failed: the origin
     * allowed it with {@code stale-if-error=N} (seconds past the end of freshness), and those N
     * seconds have not passed.
     */
    public static boolean mayServeStale(StoredResponse stale, Instant now) {
        // TODO 6.4: within freshFor + stale-if-error of receivedAt; never without stale-if-error.
        throw new UnsupportedOperationException(
                "TODO 6.4: when a stale copy may stand in for a failed origin (Revalidation.mayServeStale)");
    }
}
