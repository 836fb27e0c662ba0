package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Set;

public final class EdgeRules {

    private static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 410);

    public static boolean mayStore(int status, HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        // Wrong: trusts the directives alone; an answer that sets a cookie but says "public" is stored.
        if (!STORABLE.contains(status) || cacheControl.has("no-store") || cacheControl.has("private")) {
            return false;
        }
        return freshFor(headers).compareTo(Duration.ZERO) > 0
                || headers.firstValue("ETag").isPresent();
    }
}
