package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        String etag = stale.etag();
        return etag == null ? Map.of() : Map.of("If-None-Match", etag);
    }

    /**
     * The copy to keep after the origin answered {@code 304} with {@code notModified}'s headers at
     * {@code now}: the stored body, the headers updated by the 304's (RFC 9111 §4.3.4), received anew,
     * with the freshness the updated headers give.
     */
    public static StoredResponse refreshed(StoredResponse stale, HttpHeaders notModified, Instant now) {
        // The stored headers, each one the 304 also sends replaced by its new value (RFC 9111 §4.3.4).
        Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(stale.headers().map());
        for (Map.Entry<String, List<String>> header : notModified.map().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("content-length")) {
                merged.put(header.getKey(), new ArrayList<>(header.getValue()));
            }
        }
        HttpHeaders headers = HttpHeaders.of(new LinkedHashMap<>(merged), (name, value) -> true);
        return new StoredResponse(
                stale.target(),
                stale.varied(),
                stale.status(),
                headers,
                stale.body(),
                now,
                EdgeRules.freshFor(headers));
    }

    /**
     * True when {@code stale} may be served at {@code now} because the origin failed: the origin
     * allowed it with {@code stale-if-error=N} (seconds past the end of freshness), and those N
     * seconds have not passed.
     */
    public static boolean mayServeStale(StoredResponse stale, Instant now) {
        return CacheControl.of(stale.headers())
                .seconds("stale-if-error")
                .map(grace -> stale.ageAt(now).compareTo(stale.freshFor().plus(grace)) <= 0)
                .orElse(false);
    }
}
