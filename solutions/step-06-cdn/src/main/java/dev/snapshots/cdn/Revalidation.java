package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class Revalidation {

    public static Map<String, String> conditionalHeaders(StoredResponse stale) {
        String etag = stale.etag();
        return etag == null ? Map.of() : Map.of("If-None-Match", etag);
    }

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

    public static boolean mayServeStale(StoredResponse stale, Instant now) {
        return CacheControl.of(stale.headers())
                .seconds("stale-if-error")
                .map(grace -> stale.ageAt(now).compareTo(stale.freshFor().plus(grace)) <= 0)
                .orElse(false);
    }
}
