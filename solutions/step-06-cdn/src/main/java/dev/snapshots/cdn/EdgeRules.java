package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Set;

public final class EdgeRules {

    /** Statuses a shared cache may keep by default (RFC 9110 §15.1, "heuristically cacheable"), fewer. */
    private static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 410);

    public static String cacheKey(String path, String query) {
        return query == null ? path : path + "?" + query;
    }

    public static boolean mayStore(int status, HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        if (!STORABLE.contains(status)
                || cacheControl.has("no-store")
                || cacheControl.has("private")
                || headers.firstValue("Set-Cookie").isPresent()) {
            return false;
        }
        // Worth keeping only if it can be served fresh for a while, or revalidated cheaply.
        return freshFor(headers).compareTo(Duration.ZERO) > 0
                || headers.firstValue("ETag").isPresent();
    }

    public static Duration freshFor(HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        if (cacheControl.has("no-cache")) {
            return Duration.ZERO;
        }
        // s-maxage is meant for shared caches like this one; it wins over max-age.
        return cacheControl
                .seconds("s-maxage")
                .or(() -> cacheControl.seconds("max-age"))
                .orElse(Duration.ZERO);
    }
}
